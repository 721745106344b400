#!/usr/bin/env bash
# The million-article archive (issue 7): builds it from a real corpus replicated with
# perturbations (bench/replicate.py), one `khabar ingest` a part with every stage on
# (annotation, copies, story threads, index), and reports per part: seconds, articles/s, MB/s,
# peak RSS, size on disk; then the time to open the archive, and search latency over HTTP at
# 1 and 8 clients (bench/load/run.sh). See docs/benchmarks.md, "A million articles".
#
# usage: bench/million.sh OUT_DIR [PARTS] [KHABAR_BINARY] [CORPUS]
#   PARTS: how many parts of the corpus's size (default 34: 34 × 30,897 = 1,050,498 records,
#   1,023,000 articles once the corpus's own duplicates and empty records are set aside)
#   The parts (≈ 3.6 GB) and the archive (≈ 6 GB) go in OUT_DIR; an existing OUT_DIR/parts is
#   reused, an existing OUT_DIR/archive is grown (so a stopped run can go on).
set -euo pipefail
out=${1:?usage: million.sh OUT_DIR [PARTS] [KHABAR_BINARY] [CORPUS]}
parts=${2:-34}
khabar=$(realpath "${3:-target/release/khabar}")
corpus=${4:-../shared/data/news/saudinewsnet-2015.jsonl.zst}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
archive="$out/archive"

if [ ! -f "$out/parts/part-$(printf %02d $((parts - 1))).jsonl" ]; then
  echo "replicating $corpus into $parts parts…" >&2
  python3 "$here/replicate.py" "$corpus" "$out/parts" --copies $((parts - 1))
fi

echo "machine: $(nproc) cores · $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) · $(date -u +%FT%TZ) · $("$khabar" --version)"
echo
echo "| part | archive before | seconds | articles/s | MB/s | stored | duplicates | peak RSS MiB | disk MiB after | bytes/article | load |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for k in $(seq 0 $((parts - 1))); do
  part="$out/parts/part-$(printf %02d "$k").jsonl"
  done_mark="$out/done-$(printf %02d "$k").json"
  if [ -f "$done_mark" ]; then
    cat "$out/row-$(printf %02d "$k").md"
    continue
  fi
  before=0
  [ -f "$archive/khabar.sqlite" ] && before=$("$khabar" --data "$archive" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
  load=$(cut -d' ' -f1 /proc/loadavg)
  # Exit code 3 means some records were rejected (SaudiNewsNet has records without text):
  # the part is ingested.
  rc=0
  /usr/bin/time -f '%e %M' -o "$out/time.txt" \
    "$khabar" --data "$archive" ingest -q --json "$part" >"$done_mark.tmp" 2>>"$out/ingest.log" || rc=$?
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "ingest of $part failed ($rc): see $out/ingest.log" >&2; exit 1; }
  mv "$done_mark.tmp" "$done_mark"
  read -r secs rss_kb < <(tail -1 "$out/time.txt")
  disk=$(du -sb "$archive" | cut -f1)
  python3 - "$k" "$before" "$secs" "$rss_kb" "$disk" "$load" "$done_mark" "$part" <<'PY' | tee "$out/row-$(printf %02d "$k").md"
import json, os, sys
k, before, secs, rss_kb, disk, load, mark, part = sys.argv[1:]
s = json.load(open(mark))
secs = float(secs)
total = int(before) + s["stored"]
print(f"| {int(k):02d} | {int(before):,} | {secs:.1f} | {s['read'] / secs:,.0f} | "
      f"{os.path.getsize(part) / secs / 1e6:.1f} | {s['stored']:,} | {s['duplicates']:,} | "
      f"{int(rss_kb) / 1024:.0f} | {int(disk) / 2**20:,.0f} | {int(disk) / max(total, 1):,.0f} | {load} |")
PY
done

echo
articles=$("$khabar" --data "$archive" stats --json | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["articles"], s["indexed"], s["record_bytes"], s["index_bytes"])')
echo "archive: articles indexed record_bytes index_bytes = $articles"
# Opening the archive: a command that opens it and reads one figure, five times (the page
# cache is warm after the first).
echo "open + stats (seconds, 5 runs):"
for _ in 1 2 3 4 5; do
  /usr/bin/time -f '%e' "$khabar" --data "$archive" stats --json 2>&1 >/dev/null | tail -1
done | xargs echo
echo
# Adding 1,000 articles (new ones, dated after everything in the archive) to the big archive
# and to an empty one: the whole command, process start and final commit included.
echo "1,000 new articles, seconds (empty archive vs this archive), three different sets:"
run=$(date +%s)
for t in 1 2 3; do
  # New to the archive each run (ids and words): the archive grows by up to 3,000 a run.
  probe="$out/probe-$t.jsonl"
  python3 "$here/probe.py" "$out/parts/part-00.jsonl" "$probe" "$t" "$parts" "$run"
  rm -rf "$out/empty"
  /usr/bin/time -f '%e' -o "$out/time.txt" "$khabar" --data "$out/empty" ingest -q --json "$probe" >/dev/null 2>>"$out/ingest.log" || true
  small=$(tail -1 "$out/time.txt")
  /usr/bin/time -f '%e' -o "$out/time.txt" "$khabar" --data "$archive" ingest -q --json "$probe" >"$out/probe.json" 2>>"$out/ingest.log" || true
  big=$(tail -1 "$out/time.txt")
  # A set the archive already has (a second run with as many parts) measures duplicates: say so.
  stored=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["stored"])' "$out/probe.json" 2>/dev/null || echo "?")
  echo "  set $t: empty $small s, big $big s ($stored of them new to the big archive)"
done
rm -rf "$out/empty"
echo
echo "search over HTTP (bench/load/run.sh, 20 s a level):"
"$here/load/run.sh" "$archive" 20 "$khabar"
