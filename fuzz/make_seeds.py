#!/usr/bin/env python3
"""Seeds for the fuzz targets, from the bundled corpus.

`pipeline`:
Each seed is one choice byte (window, article splitting; see
fuzz_targets/pipeline.rs) and up to 3 KB of a corpus text, in UTF-8, UTF-8
with a BOM, GBK or UTF-16, so the fuzzer starts from real policy prose
instead of discovering Chinese one byte at a time.

`graph_file`: the sections (the file without its 36-byte header, the text
section's length in front as 4 bytes little-endian) of small
graphs that `kg build` makes of a few lines each; made only when the
environment variable KG names a kg binary.

    python3 fuzz/make_seeds.py                   # fuzz/corpus/pipeline/seed-*
    KG=target/debug/kg python3 fuzz/make_seeds.py  # and fuzz/corpus/graph_file/seed-*
"""
import os
import pathlib
import subprocess
import tempfile

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz" / "corpus" / "pipeline"
out.mkdir(parents=True, exist_ok=True)
encodings = [
    ("utf8", lambda t: t.encode("utf-8")),
    ("bom", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
    ("gbk", lambda t: t.encode("gbk", errors="replace")),
    ("utf16", lambda t: t.encode("utf-16")),
]
count = 0
for path in sorted((root / "data" / "corpus").glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    for i, start in enumerate(range(0, min(len(text), 12000), 1000)):
        piece = text[start : start + 1000]
        name, encode = encodings[i % len(encodings)]
        choice = bytes([(i * 37) % 256])
        (out / f"seed-{path.stem[:24]}-{i}-{name}").write_bytes(choice + encode(piece))
        count += 1
print(f"{count} seeds in {out}")

kg = os.environ.get("KG")
if kg:
    out = root / "fuzz" / "corpus" / "graph_file"
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for path in sorted((root / "data" / "corpus").glob("*.txt")):
            lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
            for i in range(0, min(len(lines), 24), 4):
                text = tmp / "in.txt"
                text.write_text("\n".join(lines[i : i + 4]), encoding="utf-8")
                graph = tmp / "g.kg"
                window = ["sentence", "paragraph", "3"][count % 3]
                subprocess.run([kg, "build", str(text), "-o", str(graph), "--window", window],
                               check=True, capture_output=True)
                data = graph.read_bytes()
                payload = data[24:28] + data[36:]  # text length (low 4 bytes), sections
                if len(payload) <= 4096:
                    (out / f"seed-{path.stem[:24]}-{i}").write_bytes(payload)
                    count += 1
    print(f"{count} seeds in {out}")
