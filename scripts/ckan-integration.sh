#!/usr/bin/env bash
# Integration test against a REAL CKAN 2.11 (../shared/tools/ckan-local): load a fixture dump, harvest it
# live with `opendata run --live`, and check that every loaded dataset arrives within
# ceil(N/1000)+2 requests (and with rows=50, within ceil(N/50)+2: real paging).
#   usage: scripts/ckan-integration.sh PATH/TO/opendata
set -euo pipefail
BIN=$(realpath "${1:-.build/release/opendata}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$ROOT/../shared/tools/ckan-local
DUMP=$ROOT/catalog/demo/koeln-2015-01.json
WORK=$(mktemp -d)
export CKAN_LOCAL_HOME=${CKAN_LOCAL_HOME:-$HOME/.cache/ckan-local-opendata}
cleanup() { [ "${KEEP_CKAN:-0}" = 1 ] || "$T/stop.sh" >/dev/null 2>&1 || true; }
trap cleanup EXIT

URL=$("$T/start.sh" --port "${CKAN_PORT:-5055}" --load "$DUMP" | tail -1)
echo "CKAN at $URL"
N=$(curl -fsS "$URL/api/3/action/package_search?rows=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["count"])')
echo "CKAN holds $N datasets"
[ "$N" -gt 0 ] || { echo "FAIL: nothing loaded"; exit 1; }

harvest() {   # $1 = rows, $2 = out dir
  cat > "$WORK/sources.toml" <<TOML
[catalog]
title = "Integrationstest"
description = "Harvest of a local CKAN 2.11"
base_uri = "https://example.org/katalog"
vocabularies = "$ROOT/catalog/vocabularies"
licences = "$ROOT/catalog/licences.toml"
[catalog.publisher]
name = "Test"
[harvest]
offline = false
rows = $1
timeout_seconds = 60
[[source]]
id = "local-ckan"
title = "Local CKAN"
kind = "ckan"
url = "$URL"
[source.defaults]
portal_url = "$URL"
TOML
  "$BIN" run --config "$WORK/sources.toml" --out "$2" || { echo "FAIL: opendata run exited $?"; exit 1; }
}

check() {   # $1 = out dir, $2 = rows
  python3 - "$1/report.json" "$N" "$2" <<'PY'
import json, math, sys
r = json.load(open(sys.argv[1])); n = int(sys.argv[2]); rows = int(sys.argv[3])
s = r["sources"][0]
limit = math.ceil(n / rows) + 2
print(f"rows={rows}: fetched {s['fetched']} of {n} datasets in {s['requests']} requests (limit {limit}), "
      f"mapped {s['mapped']}, rejected {s['rejected']}, status {r['status']}")
ok = s["fetched"] == n and s["requests"] <= limit and r["status"] == "done" and s["mapped"] + s["rejected"] == n
sys.exit(0 if ok else 1)
PY
  [ $? = 0 ] || { echo "FAIL: harvest check (rows=$2)"; exit 1; }
}

harvest 1000 "$WORK/out1000"
check "$WORK/out1000" 1000
harvest 50 "$WORK/out50"
check "$WORK/out50" 50
echo "integration: OK"
