# Sourced by the check scripts that talk to `opendata serve` (check-ckanapi.sh, check-site.sh, check-search.sh).
# Expects ROOT (the repository) and WORK (a temporary folder the caller removes); uses $OPENDATA when set, else
# builds the debug binary. `serve_start DIR PORT` starts the server on 127.0.0.1:PORT and waits for /health;
# it sets SERVER_PID (the caller's EXIT trap stops it) and URL. On failure it prints the server log and exits 1.
serve_start() {
  local dir=$1 port=$2
  if [ -z "${OPENDATA:-}" ]; then
    (cd "$ROOT" && swift build --product opendata >/dev/null)
    OPENDATA="$ROOT/.build/debug/opendata"
  fi
  "$OPENDATA" serve --dir "$dir" --port "$port" --quiet >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  URL="http://127.0.0.1:$port"
  for _ in $(seq 1 120); do
    curl -sf "$URL/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; echo "opendata serve exited before /health answered" >&2; exit 1; }
    sleep 0.5
  done
  cat "$WORK/server.log"
  echo "opendata serve: no /health on $URL after 60 s" >&2
  exit 1
}
