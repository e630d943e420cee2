#!/usr/bin/env bash
# Load test of `opendata serve` on loopback — the target scenario of issue 15:
#   scripts/bench-serve.sh DIR [PORT]
# DIR is a published snapshot folder. The script copies it twice under a temp root with a `current` symlink and
# switches `current` every 5 s (with SIGHUP) during every run. Runs (wrk, 2 threads, $CONNECTIONS connections,
# $DURATION each): /api/3/action/package_search, /catalog.ttl with gzip. Then opens $IDLE idle connections and
# compares the latency of a light client (4 connections) without and with them. Prints requests/s, p99, non-2xx
# and socket errors, RSS before and after (after 10 s of rest); exits 1 on any non-2xx or socket error.
# Needs wrk (apt-get install -y wrk) and python3. Targets: package_search ≥ 5,000 req/s with p99 ≤ 20 ms,
# /catalog.ttl gzip ≥ 3,000 req/s, RSS after within 20 % of before, idle connections delay others ≤ 50 ms.
set -euo pipefail
DIR=${1:?usage: bench-serve.sh DIR [PORT]}
PORT=${2:-5098}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-100}
IDLE=${IDLE:-2000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SERVER_PID=
SWAP_PID=
cleanup() {
  [ -n "$SWAP_PID" ] && kill "$SWAP_PID" 2>/dev/null
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }

mkdir -p "$WORK/snapshots"
cp -r "$DIR/." "$WORK/snapshots/a"
cp -r "$DIR/." "$WORK/snapshots/b"
touch "$WORK/snapshots/b/catalog.model.json"
ln -s snapshots/a "$WORK/current"

OPENDATA=${OPENDATA:-}
if [ -z "$OPENDATA" ]; then
  (cd "$ROOT" && swift build -c release --product opendata >/dev/null)
  OPENDATA="$ROOT/.build/release/opendata"
fi
"$OPENDATA" serve --dir "$WORK/current" --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do curl -sf "$URL/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "$URL/health" >/dev/null || { cat "$WORK/server.log"; exit 1; }

rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }

swapper() {  # switch `current` atomically every 5 s, then ask for an immediate reload
  while true; do
    sleep 5
    local next=b; [ "$(readlink "$WORK/current")" = snapshots/b ] && next=a
    ln -s "snapshots/$next" "$WORK/current.tmp" && mv -T "$WORK/current.tmp" "$WORK/current"
    kill -HUP "$SERVER_PID"
  done
}

# One request of each kind first (warms the per-snapshot caches), then the resting RSS.
curl -s -o /dev/null "$URL/api/3/action/package_search?q=daten&rows=20"
curl -s -o /dev/null -H "Accept-Encoding: gzip" "$URL/catalog.ttl"
RSS_BEFORE=$(rss)
echo "cores: $(nproc); connections: $CONNECTIONS; duration: $DURATION each; swap every 5 s"
echo "RSS before: ${RSS_BEFORE} MB"

failed=0
swapper &
SWAP_PID=$!
for run in "/api/3/action/package_search?q=daten&rows=20" "/catalog.ttl gzip"; do
  read -r path coding <<<"$run"
  headers=()
  [ "${coding:-}" = gzip ] && headers=(-H "Accept-Encoding: gzip")
  echo "== $path${coding:+ ($coding)}"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${headers[@]}" "$URL$path" >"$WORK/wrk.txt"
  grep -E "Requests/sec|requests in" "$WORK/wrk.txt"
  grep -E "^ +99%" "$WORK/wrk.txt" | sed 's/^ */p99: /'
  if grep -q "Non-2xx" "$WORK/wrk.txt"; then grep "Non-2xx" "$WORK/wrk.txt"; echo "FAIL: non-2xx responses"; failed=1; else echo "non-2xx: 0"; fi
  if grep -q "Socket errors" "$WORK/wrk.txt"; then grep "Socket errors" "$WORK/wrk.txt"; echo "FAIL: socket errors"; failed=1; else echo "socket errors: 0"; fi
done
kill "$SWAP_PID" 2>/dev/null; wait "$SWAP_PID" 2>/dev/null || true
SWAP_PID=
RSS_PEAK=$(rss)
sleep 10
RSS_AFTER=$(rss)
echo "RSS right after load: ${RSS_PEAK} MB; after 10 s: ${RSS_AFTER} MB (before: ${RSS_BEFORE} MB)"

# Idle connections: a light client's latency without and with $IDLE idle sockets held open.
light() { wrk -t1 -c4 -d8s --latency "$URL/api/3/action/package_search?q=daten&rows=20" | grep -E "^ +(50|99)%" | tr -s ' ' | tr '\n' ' '; }
echo "== $IDLE idle connections"
echo "light client alone: $(light)"
python3 - "$PORT" "$IDLE" "$WORK/idle.ready" <<'PY' &
import socket, sys, time, os
port, count, ready = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
held = []
for _ in range(count):
    s = socket.socket(); s.connect(("127.0.0.1", port)); held.append(s)
open(ready, "w").close()
time.sleep(12)
PY
IDLE_PID=$!
for _ in $(seq 1 100); do [ -f "$WORK/idle.ready" ] && break; sleep 0.1; done
echo "with $IDLE idle: $(light)"
curl -s "$URL/health"; echo
wait "$IDLE_PID" 2>/dev/null || true
exit $failed
