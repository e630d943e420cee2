#!/usr/bin/env bash
# Checks the CKAN API of `opendata serve` with the real ckanapi client (4.11):
#   scripts/check-ckanapi.sh DIR [PORT]
# DIR is a published snapshot folder (or a `current` symlink) with catalog.model.json.
# Starts the server on 127.0.0.1:PORT, waits for /health, runs `ckanapi dump datasets --all` and
# `ckanapi search datasets`, and asserts both return exactly the catalogue's dataset ids
# (UUIDv5 of each Dataset.uri, see Sources/CatalogCore/6-Render/CKANAPI/CKANIdentifiers.swift). Stops the server.
set -euo pipefail
DIR=${1:?usage: check-ckanapi.sh DIR [PORT]}
PORT=${2:-5099}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

CKANAPI=${CKANAPI:-}
if [ -z "$CKANAPI" ]; then
  if ! command -v ckanapi >/dev/null; then
    python3 -m venv "$WORK/venv" && "$WORK/venv/bin/pip" -q install ckanapi==4.11
    CKANAPI="$WORK/venv/bin/ckanapi"
    export PATH="$WORK/venv/bin:$PATH"   # dump starts its workers as `ckanapi`
  else
    CKANAPI=ckanapi
  fi
fi

. "$ROOT/scripts/serve-lib.sh"
serve_start "$DIR" "$PORT"

"$CKANAPI" dump datasets --all -r "$URL" -O "$WORK/dump.jsonl"
"$CKANAPI" search datasets q=* -r "$URL" > "$WORK/search.jsonl"
"$CKANAPI" search datasets "fq=-organization:none-such" -r "$URL" > "$WORK/search-fq.jsonl"

python3 - "$DIR" "$WORK" <<'PY'
import json, sys, uuid, os
d, work = sys.argv[1], sys.argv[2]
with open(os.path.join(d, "catalog.model.json"), encoding="utf-8") as f:
    catalog = json.load(f)
expected = {str(uuid.uuid5(uuid.NAMESPACE_URL, ds["uri"])) for ds in catalog["datasets"]}
ok = True
for name in ("dump.jsonl", "search.jsonl", "search-fq.jsonl"):
    with open(os.path.join(work, name), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    ids = [r["id"] for r in rows]
    dup = len(ids) - len(set(ids))
    missing, extra = expected - set(ids), set(ids) - expected
    status = "ok" if not (dup or missing or extra) else "FAIL"
    ok &= status == "ok"
    print(f"{name}: {len(rows)} datasets (expected {len(expected)}), duplicates {dup}, missing {len(missing)}, unexpected {len(extra)}: {status}")
sys.exit(0 if ok else 1)
PY
