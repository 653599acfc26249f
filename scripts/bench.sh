#!/usr/bin/env bash
# End-to-end benchmark of `kg build` and of queries (issue 6), side by side
# in one run, so the ratios hold on a noisy machine.
#
#   scripts/bench.sh                  # 20 MB and 200 MB corpora, 3 runs each
#   SMALL_MB=5 BIG_MB=20 RUNS=1 scripts/bench.sh   # a quick look
#
# What it runs, each RUNS times (median reported):
#   - kg build, 1 and 2 threads, on the SMALL_MB corpus
#   - jieba-rs segmentation alone on the same files and threads
#     (kg-core/examples/jieba_cut.rs: kg's dictionary, rayon over files)
#   - the peer (Python jieba + networkx, shared/bench/peer_pipeline.py)
#   - kg build on the BIG_MB corpus, for its peak memory
#   - kg neighbors 数据要素, on the embedded graph and on the BIG_MB graph
# Peak memory is /usr/bin/time -v's maximum resident set size.
#
# Environment: SMALL_MB (20), BIG_MB (200), RUNS (3), WORK (directory for
# corpora, graphs and the Python venv; default target/bench), SHARED (the
# shared directory holding bench/; default ../shared beside the checkout),
# PEER=0 to skip the peer (it takes about 30 s a run).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SMALL_MB=${SMALL_MB:-20}
BIG_MB=${BIG_MB:-200}
RUNS=${RUNS:-3}
WORK=${WORK:-$ROOT/target/bench}
SHARED=${SHARED:-$ROOT/../shared}
PEER=${PEER:-1}
BENCH=$SHARED/bench
[ -f "$BENCH/make_corpus.py" ] || { echo "bench.sh: $BENCH/make_corpus.py not found (set SHARED)" >&2; exit 1; }
mkdir -p "$WORK"

if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq time >/dev/null
fi

echo "== building kg and the jieba-rs baseline (release)"
# Two commands: with --example, cargo builds only that example, not the kg binary.
cargo build --release --locked -p kg-cli
cargo build --release --locked -p kg-core --example jieba_cut
KG=$ROOT/target/release/kg
CUT=$ROOT/target/release/examples/jieba_cut

corpus() { # corpus MB -> directory
  local dir=$WORK/corpus-$1mb
  if [ ! -f "$dir/.done" ]; then
    echo "== generating a $1 MB corpus" >&2
    rm -rf "$dir"
    python3 "$BENCH/make_corpus.py" "$ROOT/data/corpus" "$dir" "$1" >&2
    touch "$dir/.done"
  fi
  echo "$dir"
}
SMALL=$(corpus "$SMALL_MB")
BIG=$(corpus "$BIG_MB")
# Warm the page cache so every contender reads from memory.
cat "$SMALL"/*.txt >/dev/null

PY=python3
if [ "$PEER" = 1 ]; then
  if ! python3 -c "import jieba, networkx" 2>/dev/null; then
    if [ ! -x "$WORK/venv/bin/python" ]; then
      echo "== installing jieba and networkx in $WORK/venv"
      python3 -m venv "$WORK/venv"
      "$WORK/venv/bin/pip" install --quiet jieba networkx
    fi
    PY=$WORK/venv/bin/python
  fi
fi

# timed NAME CMD...: runs CMD, appends "NAME seconds peak_kb" to $WORK/times.
timed() {
  local name=$1; shift
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || {
    echo "bench.sh: '$*' failed:" >&2; cat "$WORK/last.err" >&2; exit 1; }
  local wall kb
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
  echo "$name $wall $kb" >>"$WORK/times"
  printf '  %-14s %7.2f s %8d KB\n' "$name" "$wall" "$kb"
}

: >"$WORK/times"
bytes=$(cat "$SMALL"/*.txt | wc -c)
echo "== $RUNS runs on $SMALL ($bytes bytes)"
for run in $(seq "$RUNS"); do
  echo "run $run"
  for t in 1 2; do
    timed "kg-t$t" "$KG" build "$SMALL" -o "$WORK/small.kg" --threads "$t"
    timed "cut-t$t" "$CUT" --threads "$t" "$SMALL"
  done
  if [ "$PEER" = 1 ]; then
    timed peer "$PY" "$BENCH/peer_pipeline.py" "$SMALL" "$WORK/peer-out"
  fi
  timed neighbors "$KG" neighbors 数据要素
done
echo "== $BIG_MB MB corpus: build (2 threads) and query"
timed big-build "$KG" build "$BIG" -o "$WORK/big.kg" --threads 2
ls -l "$WORK/big.kg"
for run in $(seq "$RUNS"); do
  timed big-query "$KG" neighbors 数据要素 --graph "$WORK/big.kg"
done

python3 - "$WORK/times" "$bytes" "$BIG_MB" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, wall, kb = line.split()
    rows.setdefault(name, []).append((float(wall), int(kb)))
med = {k: statistics.median(w for w, _ in v) for k, v in rows.items()}
peak = {k: max(kb for _, kb in v) for k, v in rows.items()}
mb = int(sys.argv[2]) / 1e6
print()
print(f"{'what':<16}{'median s':>10}{'MB/s':>9}{'peak MB':>9}")
for k in ["kg-t1", "kg-t2", "cut-t1", "cut-t2", "peer", "neighbors", "big-build", "big-query"]:
    if k in med:
        rate = f"{mb / med[k]:9.1f}" if k[:3] in ("kg-", "cut", "pee") else " " * 9
        print(f"{k:<16}{med[k]:10.3f}{rate}{peak[k] / 1024:9.0f}")
# The ratio of the medians, and each run's own ratio: the contenders of one
# run ran within a minute of each other, so on a shared machine whose speed
# drifts from minute to minute the per-run ratios show how much of a miss
# or a pass is the machine.
def ratio(label, num, den, target):
    if num in med and den in med:
        r = med[den] / med[num]
        ok = r >= target
        runs = [d / n for (d, _), (n, _) in zip(rows[den], rows[num])]
        each = " ".join(f"{x:.2f}" for x in runs)
        print(f"{label:<46}{r:8.2f}x  target >= {target}x  {'ok' if ok else 'MISSED':<6}  per run: {each}")
print()
ratio("kg build (2 threads) vs peer, wall", "kg-t2", "peer", 40)
ratio("kg build vs jieba-rs cut alone, 1 thread", "kg-t1", "cut-t1", 0.5)
ratio("kg build vs jieba-rs cut alone, 2 threads", "kg-t2", "cut-t2", 0.5)
ratio("kg build, 2 threads vs 1", "kg-t2", "kg-t1", 1.7)
def limit(label, value, target, unit):
    print(f"{label:<46}{value:8.2f}{unit}  target <= {target}{unit}  {'ok' if value <= target else 'MISSED'}")
if "big-build" in peak:
    limit(f"peak memory building {sys.argv[3]} MB", peak["big-build"] / 1024 / 1024, 1.0, " GB")
if "neighbors" in med:
    limit("kg neighbors, embedded graph, cold", med["neighbors"], 0.25, " s")
if "big-query" in med:
    limit(f"kg neighbors --graph ({sys.argv[3]} MB corpus)", med["big-query"], 0.15, " s")
EOF
