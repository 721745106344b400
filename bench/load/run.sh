#!/usr/bin/env bash
# Load test of `khabar serve`: search requests/s and latency at 1, 8 and 64 concurrent
# clients (wrk, one connection per client), with the query mix of search.lua, and the
# server's memory under load. See docs/benchmarks.md (issue 6).
#
# usage: bench/load/run.sh ARCHIVE [SECONDS] [KHABAR_BINARY]
set -euo pipefail
archive=${1:?usage: run.sh ARCHIVE [SECONDS] [KHABAR_BINARY]}
seconds=${2:-20}
khabar=${3:-target/release/khabar}
here=$(cd "$(dirname "$0")" && pwd)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

"$khabar" --data "$archive" serve --addr "127.0.0.1:$port" ${KHABAR_SERVE_ARGS:-} >/dev/null &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/api/v1/stats" >/dev/null && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/api/v1/stats" >/dev/null || { echo "server did not start" >&2; exit 1; }
# Warm the page cache and the index readers once.
wrk -t1 -c1 -d3s -s "$here/search.lua" "http://127.0.0.1:$port" >/dev/null

echo "clients  requests/s  p50 ms  p90 ms  p99 ms  max ms  errors  server RSS MiB"
for clients in 1 8 64; do
  threads=$(( clients < 2 ? 1 : 2 ))
  line=$(wrk -t"$threads" -c"$clients" -d"${seconds}s" --timeout 10s -s "$here/search.lua" \
    "http://127.0.0.1:$port" | grep '^RESULT')
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$server/status")
  python3 - "$clients" "$rss" "$line" <<'PY'
import sys
clients, rss, line = sys.argv[1], sys.argv[2], sys.argv[3]
f = dict(kv.split("=") for kv in line.split()[1:])
errors = int(f["errors"]) + int(f["non2xx"])
print(f"{clients:>7}  {float(f['rps']):>10.0f}  {float(f['p50_ms']):>6.1f}  {float(f['p90_ms']):>6.1f}  "
      f"{float(f['p99_ms']):>6.1f}  {float(f['max_ms']):>6.1f}  {errors:>6}  {rss:>14}")
PY
done
hwm=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$server/status")
echo "server peak RSS: $hwm MiB"
