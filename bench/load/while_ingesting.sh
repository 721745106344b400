#!/usr/bin/env bash
# Search while the archive grows (issue 7): `khabar serve` on ARCHIVE, `khabar ingest PART` into
# the same archive from a second process, and meanwhile
#   - wrk at 8 clients with the query mix of search.lua (latency and errors during the ingest);
#   - a poller reading /api/v1/stats every 100 ms: `articles` (the record) and `indexed` (what
#     the server's searches see). The freshness lag of a sample is the time until `indexed`
#     reaches the `articles` of that sample: how long a stored article waits to be searchable.
#
# usage: bench/load/while_ingesting.sh ARCHIVE PART.jsonl [SECONDS] [KHABAR_BINARY]
#   SECONDS: how long wrk runs (default 30; choose less than the ingest takes)
set -euo pipefail
archive=${1:?usage: while_ingesting.sh ARCHIVE PART [SECONDS] [KHABAR_BINARY]}
part=${2:?usage: while_ingesting.sh ARCHIVE PART [SECONDS] [KHABAR_BINARY]}
seconds=${3:-30}
khabar=${4:-target/release/khabar}
here=$(cd "$(dirname "$0")" && pwd)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
samples=$(mktemp)

"$khabar" --data "$archive" serve --addr "127.0.0.1:$port" >/dev/null &
server=$!
trap 'kill $server $poller 2>/dev/null; wait $server 2>/dev/null; rm -f "$samples"' EXIT
poller=
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/api/v1/stats" >/dev/null && break
  sleep 0.2
done
wrk -t1 -c1 -d3s -s "$here/search.lua" "http://127.0.0.1:$port" >/dev/null

python3 - "$port" "$samples" <<'PY' &
import json, sys, time, urllib.request
port, out = sys.argv[1], sys.argv[2]
with open(out, "w") as f:
    while True:
        t = time.monotonic()
        try:
            s = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stats", timeout=5))
            f.write(f"{t} {s['articles']} {s['indexed']}\n")
            f.flush()
        except Exception as e:
            f.write(f"{t} error {e}\n")
        time.sleep(0.1)
PY
poller=$!

start=$(date +%s.%N)
"$khabar" --data "$archive" ingest -q --json "$part" >/tmp/while_ingesting.json 2>/dev/null &
ingest=$!
sleep 1
echo "during the ingest, 8 clients, ${seconds} s:"
echo "clients  requests/s  p50 ms  p90 ms  p99 ms  max ms  errors"
line=$(wrk -t2 -c8 -d"${seconds}s" --timeout 10s -s "$here/search.lua" "http://127.0.0.1:$port" | grep '^RESULT')
python3 - "$line" <<'PY'
import sys
f = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
errors = int(f["errors"]) + int(f["non2xx"])
print(f"      8  {float(f['rps']):>10.0f}  {float(f['p50_ms']):>6.1f}  {float(f['p90_ms']):>6.1f}  "
      f"{float(f['p99_ms']):>6.1f}  {float(f['max_ms']):>6.1f}  {errors:>6}")
PY
running=yes
kill -0 $ingest 2>/dev/null || running=no
wait $ingest || true
end=$(date +%s.%N)
echo "ingest still running when wrk ended: $running; ingest took $(python3 -c "print(round($end-$start,1))") s: $(cat /tmp/while_ingesting.json)"
sleep 3
kill $poller; wait $poller 2>/dev/null || true
python3 - "$samples" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
errors = [r for r in rows if r[1] == "error"]
s = [(float(t), int(a), int(i)) for t, a, i in (r for r in rows if r[1] != "error")]
ahead = [x for x in s if x[2] > x[1]]
lags = []
for k, (t, a, _) in enumerate(s):
    if a == s[0][1]:
        continue  # nothing new stored yet
    for t2, _, i2 in s[k:]:
        if i2 >= a:
            lags.append(t2 - t)
            break
lags.sort()
q = lambda p: lags[min(len(lags) - 1, int(p * len(lags)))] if lags else float("nan")
print(f"stats samples: {len(s)} ({len(errors)} failed); samples with indexed > articles: {len(ahead)}")
print(f"freshness lag (stored → searchable in the server), s: p50 {q(0.5):.2f}, p90 {q(0.9):.2f}, max {lags[-1] if lags else float('nan'):.2f} over {len(lags)} samples")
PY
