#!/usr/bin/env bash
# Side-by-side SHACL comparison: ckanext-dcat's own DCAT-AP 3 output vs. our catalogue, for the SAME real CKAN.
#
#   usage: scripts/compare-ckanext-dcat.sh [DUMP ...]
#          (default dumps: catalog/demo/koeln-2015-01.json catalog/demo/govdata-hamburg-2020.json)
#
# 1. starts a real CKAN 2.11.6 with ckanext-dcat 2.4.4 (../shared/tools/ckan-local, plugins dcat structured_data)
#    and loads the dumps;
# 2. fetches its /catalog.ttl with the `euro_dcat_ap_3` profile, page by page (hydra:next), merged into one file;
# 3. harvests the same CKAN with `opendata run --live` (a temporary config: one `ckan` source, no defaults
#    beyond portal_url, so both sides see the same records);
# 4. runs ../shared/tools/shacl/check.py with `de2` (DCAT-AP.de 2.0) and `ap3` (DCAT-AP 3.0.0) on both files;
# 5. prints a side-by-side Markdown table and stops the CKAN (KEEP_CKAN=1 leaves it running).
#
# Environment: OPENDATA (binary, default .build/debug/opendata), CKAN_LOCAL_HOME (default
# ~/.cache/ckan-local-dcat), CKAN_PORT (default 5088), PROFILE (default euro_dcat_ap_3), WORK (default a temp dir).
#
# Profile: ckanext-dcat 2.4.4 names it `euro_dcat_ap_3` (entry point in group `ckan.rdf.profiles`) and it is
# already the default of `ckanext.dcat.rdf.profiles` in 2.4.x. The ckan-local start script regenerates ckan.ini
# on every fresh start, so instead of editing the ini we ask for the profile explicitly with `?profiles=` on
# every catalogue request, which ckanext-dcat honours per request (no restart needed).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$ROOT/../shared/tools/ckan-local
[ -d "$T" ] || T=/work/shared/tools/ckan-local
CHECK=$(dirname "$T")/shacl/check.py
BIN=${OPENDATA:-$ROOT/.build/debug/opendata}
PROFILE=${PROFILE:-euro_dcat_ap_3}
export CKAN_LOCAL_HOME=${CKAN_LOCAL_HOME:-$HOME/.cache/ckan-local-dcat}
export CKAN_LOCAL_PIP_EXTRA=${CKAN_LOCAL_PIP_EXTRA:-ckanext-dcat==2.4.4}
export CKAN_LOCAL_PLUGINS=${CKAN_LOCAL_PLUGINS:-activity dcat structured_data}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
if [ $# -eq 0 ]; then set -- "$ROOT/catalog/demo/koeln-2015-01.json" "$ROOT/catalog/demo/govdata-hamburg-2020.json"; fi
[ -x "$BIN" ] || { echo "no opendata binary at $BIN: run 'swift build' first (or set OPENDATA)" >&2; exit 2; }

cleanup() { [ "${KEEP_CKAN:-0}" = 1 ] || "$T/stop.sh" >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "== starting CKAN (home $CKAN_LOCAL_HOME) and loading: $*" >&2
URL=$("$T/start.sh" --port "${CKAN_PORT:-5088}" --load "$@" | tail -1)
N=$(curl -fsS "$URL/api/3/action/package_search?rows=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["count"])')
echo "CKAN at $URL holds $N datasets" >&2

echo "== ckanext-dcat: $URL/catalog.ttl?profiles=$PROFILE" >&2
python3 "$ROOT/scripts/compare_ckanext_dcat.py" fetch "$URL" "$PROFILE" "$WORK/ckanext-dcat.ttl"

echo "== opendata run --live on the same CKAN" >&2
cat > "$WORK/sources.toml" <<TOML
[catalog]
title = "Vergleich ckanext-dcat"
description = "Harvest of a local CKAN with ckanext-dcat, for the SHACL comparison"
base_uri = "https://example.org/katalog"
vocabularies = "$ROOT/catalog/vocabularies"
licences = "$ROOT/catalog/licences.toml"
[catalog.publisher]
name = "Vergleich"
[harvest]
offline = false
timeout_seconds = 60
[[source]]
id = "local-ckan"
title = "Local CKAN with ckanext-dcat"
kind = "ckan"
url = "$URL"
[source.defaults]
portal_url = "$URL"
TOML
"$BIN" run --live --config "$WORK/sources.toml" --out "$WORK/opendata" > "$WORK/opendata-run.log" 2>&1 ||
  echo "note: opendata run exited $? (see $WORK/opendata-run.log)" >&2
cp "$WORK/opendata/catalog.ttl" "$WORK/opendata.ttl"

echo "== SHACL (check.py de2 / ap3)" >&2
for side in a b; do
  f=$WORK/ckanext-dcat.ttl; [ $side = b ] && f=$WORK/opendata.ttl
  for set in de2 ap3; do
    python3 "$CHECK" "$f" "$set" > "$WORK/$side-$set.out" 2> "$WORK/$side-$set.err" || true
    echo "  $(basename "$f") $set: $(tail -1 "$WORK/$side-$set.out")" >&2
  done
done

echo
echo "Run $(date -u +%Y-%m-%dT%H:%MZ), opendata $(git -C "$ROOT" rev-parse --short HEAD), ckanext-dcat ${CKAN_LOCAL_PIP_EXTRA#*==} profile \`$PROFILE\`, CKAN 2.11.6 with $N datasets from: $(for f in "$@"; do printf '%s ' "$(basename "$f")"; done)"
echo
python3 "$ROOT/scripts/compare_ckanext_dcat.py" table "ckanext-dcat" "$WORK/ckanext-dcat.ttl" "opendata" "$WORK/opendata.ttl" "$WORK"
echo
echo "(files in $WORK)" >&2
