#!/usr/bin/env bash
# Integration test of kind = "dcat" against a REAL CKAN 2.11 with ckanext-dcat 2.4.4 (../shared/tools/ckan-local):
# load the Köln demo dump (137 datasets), then harvest the same CKAN three ways with `opendata run --live`:
#   dcat-rdf  its /catalog.rdf (RDF/XML, hydra paging: 100 a page → 2 pages)
#   dcat-ttl  its /catalog.ttl (Turtle, same paging)
#   ckan      its Action API (package_search)
# and check that all three give the same dataset set.
#
# Comparison key: the CKAN package `id` (API) = `dct:identifier` of the RDF dataset (ckanext-dcat writes the
# CKAN id there when a dataset has no `identifier`/`guid` extra, as here; its dataset IRI is
# `{site_url}/dataset/{id}`). Both end up as `provenance[].remoteID` in catalog.model.json. Checked in
# addition: the set of landing pages (CKAN `url` = dcat:landingPage) is the same.
#   usage: scripts/dcat-integration.sh [PATH/TO/opendata]     (KEEP_CKAN=1 leaves the CKAN running)
set -euo pipefail
BIN=$(realpath "${1:-.build/debug/opendata}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$ROOT/../shared/tools/ckan-local
DUMP=$ROOT/catalog/demo/koeln-2015-01.json
WORK=$(mktemp -d)
export CKAN_LOCAL_HOME=${CKAN_LOCAL_HOME:-/root/.cache/ckan-local-dcatsrc}
export CKAN_LOCAL_PIP_EXTRA=${CKAN_LOCAL_PIP_EXTRA:-ckanext-dcat==2.4.4}
export CKAN_LOCAL_PLUGINS=${CKAN_LOCAL_PLUGINS:-activity dcat structured_data}
cleanup() { [ "${KEEP_CKAN:-0}" = 1 ] || "$T/stop.sh" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

URL=$("$T/start.sh" --port "${CKAN_PORT:-5099}" --load "$DUMP" | tail -1)
echo "CKAN at $URL (ckanext-dcat $(echo "$CKAN_LOCAL_PIP_EXTRA" | sed 's/.*==//'))"
N=$(curl -fsS "$URL/api/3/action/package_search?rows=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["count"])')
echo "CKAN holds $N datasets"
[ "$N" -gt 0 ] || { echo "FAIL: nothing loaded"; exit 1; }

run() {   # $1 = name, $2 = kind, $3 = url
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1/sources.toml" <<TOML
[catalog]
title = "DCAT-Integrationstest"
description = "Harvest of a local CKAN 2.11 with ckanext-dcat"
base_uri = "https://example.org/katalog"
vocabularies = "$ROOT/catalog/vocabularies"
licences = "$ROOT/catalog/licences.toml"
[catalog.publisher]
name = "Test"
[harvest]
offline = false
timeout_seconds = 120
[[source]]
id = "local"
title = "Local CKAN ($2)"
kind = "$2"
url = "$3"
[source.defaults]
portal_url = "$URL"
TOML
  local started=$(date +%s.%N)
  "$BIN" run --quiet --config "$WORK/$1/sources.toml" --out "$WORK/$1/out" \
    || { echo "FAIL: opendata run ($1) exited $?"; exit 1; }
  echo "$1 $(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')")" >> "$WORK/seconds"
}

run dcat-rdf dcat "$URL/catalog.rdf"
run dcat-ttl dcat "$URL/catalog.ttl"
run ckan ckan "$URL"

python3 - "$WORK" "$N" "$URL" <<'PY'
import json, sys
work, n, url = sys.argv[1], int(sys.argv[2]), sys.argv[3]
seconds = dict(line.split() for line in open(f"{work}/seconds"))
sets, ok = {}, True
for name in ("dcat-rdf", "dcat-ttl", "ckan"):
    report = json.load(open(f"{work}/{name}/out/report.json"))
    model = json.load(open(f"{work}/{name}/out/catalog.model.json"))
    s = report["sources"][0]
    datasets = model["datasets"]
    landing = {d["landingPage"] for d in datasets if d.get("landingPage")}
    ids = {p["remoteID"] for d in datasets for p in d.get("provenance", [])}
    sets[name] = (landing, ids)
    dists = sum(len(d.get("distributions", [])) for d in datasets)
    print(f"{name:9} {s['kind']:5} fetched {s['fetched']:4} mapped {s['mapped']:4} rejected {s['rejected']:2} "
          f"datasets {len(datasets):4} distributions {dists:4} requests {s['requests']:2} "
          f"status {report['status']:8} {float(seconds[name]):5.1f} s"
          + (f" ERROR {s['error']}" if s.get("error") else ""))
    if s["fetched"] != n or s.get("error") or report["status"] != "done":
        ok = False
        print(f"FAIL: {name} fetched {s['fetched']} of {n}")
base_landing, base_ids = sets["ckan"]
for name in ("dcat-rdf", "dcat-ttl"):
    landing, ids = sets[name]
    same_landing = landing == base_landing
    same_ids = ids == base_ids
    print(f"{name} vs ckan: key CKAN id = dct:identifier: {'same set' if same_ids else 'DIFFERENT sets'} "
          f"({len(ids & base_ids)} shared, {len(ids - base_ids)} only dcat, {len(base_ids - ids)} only ckan); "
          f"landing pages {'same set' if same_landing else 'DIFFER'} ({len(landing & base_landing)} shared)")
    if not (same_landing and same_ids):
        ok = False
        for x in sorted((ids ^ base_ids) | (landing ^ base_landing))[:5]: print("   differs:", x)
print("OK: dcat (rdf, ttl) and ckan give the same dataset set" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
