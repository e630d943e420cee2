#!/usr/bin/env bash
# Integration test of the Aachen organisation table against a REAL CKAN 2.11 (../shared/tools/ckan-local,
# issue 16 item 2): loads real-shaped records (the 2015 Aachen inventory, Tests/Fixtures/aachen/) into the
# portal's twelve organisations plus one organisation the table lacks, harvests them live with the
# [source.organizations.*] table of catalog/sources.toml, and checks each dataset's publisher and geocoding
# and that the unknown organisation is reported (organization.unknown).
#   usage: scripts/ckan-aachen-orgs.sh PATH/TO/opendata
set -euo pipefail
BIN=$(realpath "${1:-.build/debug/opendata}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$ROOT/../shared/tools/ckan-local
WORK=$(mktemp -d)
export CKAN_LOCAL_HOME=${CKAN_LOCAL_HOME:-$HOME/.cache/ckan-local-opendata-orgs}
cleanup() { [ "${KEEP_CKAN:-0}" = 1 ] || "$T/stop.sh" >/dev/null 2>&1 || true; }
trap cleanup EXIT

# Records: each inventory row once per organisation in turn (names unique), plus one of "stadt-unbekannt".
python3 - "$ROOT" "$WORK/records.json" <<'PY'
import csv, json, re, sys, tomllib
root, out = sys.argv[1], sys.argv[2]
orgs = sorted(tomllib.load(open(f"{root}/catalog/sources.toml", "rb"))["source"][0]["organizations"]) + ["stadt-unbekannt"]
rows = list(csv.reader(open(f"{root}/Tests/Fixtures/aachen/odm-inventory-aachen-2015.csv", encoding="utf-8")))[1:]
records = []
for i, org in enumerate(orgs):
    r = rows[i % len(rows)]
    name = f"{r[17].rstrip('/').split('/')[-1]}-{org}"[:100]
    records.append({"name": name, "title": f"{r[16]} ({org})", "notes": r[16], "license_id": r[18],
                    "organization": {"name": org, "title": org.replace("-", " ").title()},
                    "resources": [{"url": f"{r[17]}/resource/{j}", "format": f, "name": f"{r[16]} {f}"}
                                  for j, f in enumerate(r[19].split(","))]})
json.dump(records, open(out, "w"), ensure_ascii=False)
print(f"{len(records)} records in {len(orgs)} organisations")
PY

URL=$("$T/start.sh" --port "${CKAN_PORT:-5066}" --load "$WORK/records.json" | tail -1)
echo "CKAN at $URL"

# The project's own source block (organisation table included), pointed at the local CKAN.
python3 - "$ROOT/catalog/sources.toml" "$URL" "$ROOT" > "$WORK/sources.toml" <<'PY'
import re, sys
text, url, root = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], sys.argv[3]
head = text[:text.index("[[source]]")]
block = text[text.index("[[source]]"):text.index("# --- recorded demo sources")]
head = head.replace("[catalog]\n", f'[catalog]\nvocabularies = "{root}/catalog/vocabularies"\nlicences = "{root}/catalog/licences.toml"\n', 1)
head = re.sub(r"offline = true", "offline = false", head)
print(head + block.replace('url = "https://offenedaten.aachen.de"', f'url = "{url}"'))
PY
"$BIN" run --config "$WORK/sources.toml" --out "$WORK/out" || { echo "FAIL: opendata run exited $?"; exit 1; }

python3 - "$WORK/out" "$ROOT/catalog/sources.toml" <<'PY'
import json, sys, tomllib
out, cfg = sys.argv[1], sys.argv[2]
orgs = tomllib.load(open(cfg, "rb"))["source"][0]["organizations"]
model = json.load(open(f"{out}/catalog.model.json"))
ok, seen = True, set()
for d in model["datasets"]:
    org = d["title"].rsplit("(", 1)[-1].rstrip(")")
    seen.add(org)
    want = orgs.get(org)
    pub = (d.get("publisher") or {}).get("name")
    geo = d.get("politicalGeocoding", [])
    if want is None:
        continue
    exp_geo = want.get("political_geocoding", [])
    if pub != want["publisher"]["name"] or geo != exp_geo:
        ok = False
        print(f"FAIL {org}: publisher {pub!r} geocoding {geo}")
# report.json lists the first warnings of each source and code; findings.jsonl has every finding.
findings = [json.loads(line) for line in open(f"{out}/findings.jsonl", encoding="utf-8") if line.strip()]
unknown = [f for f in findings if f.get("code") == "organization.unknown"]
print(f"{len(model['datasets'])} datasets, organisations seen: {len(seen)}, organization.unknown findings: {len(unknown)}")
ok = ok and set(orgs) <= seen and len(unknown) == 1
sys.exit(0 if ok else 1)
PY
echo "aachen organisations: OK"
