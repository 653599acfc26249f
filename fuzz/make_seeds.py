#!/usr/bin/env python3
"""Seeds for the `pipeline` fuzz target: pieces of the bundled corpus.

Each seed is one choice byte (window, article splitting; see
fuzz_targets/pipeline.rs) and up to 3 KB of a corpus text, in UTF-8, UTF-8
with a BOM, GBK or UTF-16, so the fuzzer starts from real policy prose
instead of discovering Chinese one byte at a time.

    python3 fuzz/make_seeds.py      # writes fuzz/corpus/pipeline/seed-*
"""
import pathlib

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
