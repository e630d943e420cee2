#!/usr/bin/env bash
# Load test of `opendata serve` on loopback (bounded: 10 s per run, 2 threads, 32 connections):
#   scripts/bench-serve.sh DIR [PORT]
# DIR is a published snapshot folder. The script copies it twice under a temp root with a `current` symlink,
# runs wrk on /api/3/action/package_search, /catalog.ttl (identity and gzip) and a hydra page of /catalog.rdf
# (gzip) while switching `current` mid-load and sending SIGHUP, then prints requests/s and non-2xx/socket error
# counts; exits 1 if there were any. Needs wrk (apt-get install -y wrk).
set -euo pipefail
DIR=${1:?usage: bench-serve.sh DIR [PORT]}
PORT=${2:-5098}
DURATION=${DURATION:-10s}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
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

swap() {  # switch `current` atomically half-way through the run, then ask for an immediate reload
  sleep 5
  local next=b; [ "$(readlink "$WORK/current")" = snapshots/b ] && next=a
  ln -s "snapshots/$next" "$WORK/current.tmp" && mv -T "$WORK/current.tmp" "$WORK/current"
  kill -HUP "$SERVER_PID"
}

# path, then "gzip" to send Accept-Encoding: gzip (the compressed variant, cached per snapshot).
failed=0
for run in "/api/3/action/package_search?q=daten&rows=20" "/catalog.ttl" "/catalog.ttl gzip" "/catalog.rdf?page=2&pageSize=200 gzip"; do
  read -r path coding <<<"$run"
  headers=()
  [ "${coding:-}" = gzip ] && headers=(-H "Accept-Encoding: gzip")
  echo "== $path${coding:+ ($coding)} (swap to the other snapshot after 5 s)"
  swap &
  SWAP_PID=$!
  wrk -t2 -c32 -d"$DURATION" --latency "${headers[@]}" "$URL$path" | tee "$WORK/wrk.txt" | grep -E "Requests/sec|Non-2xx|Socket errors|requests in|99%"
  wait "$SWAP_PID"   # not a bare `wait`: that would also wait for the server
  if grep -q "Non-2xx" "$WORK/wrk.txt"; then echo "FAIL: non-2xx responses"; failed=1; else echo "non-2xx: 0"; fi
  if grep -q "Socket errors" "$WORK/wrk.txt"; then echo "FAIL: socket errors"; failed=1; else echo "socket errors: 0"; fi
  curl -s "$URL/health"; echo
done
exit $failed
