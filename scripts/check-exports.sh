#!/usr/bin/env bash
# Runs the external checks on an export folder: SHACL (the catalogue's profile: DCAT-AP.de 3.0 + DCAT-AP 3.0.1,
# or DCAT-AP.de 2.0, on catalog.ttl, and on the other two RDF files too when they are not isomorphic to it or
# SHACL_ALL_FORMATS=1), rdflib triple-count parity, a strict parse of all three with pyoxigraph, rapper, frictionless and ogrinfo. One summary line per check; exits
# non-zero when any check fails.
# usage: scripts/check-exports.sh OUTDIR
# needs: pip install rdflib==7.6.0 pyshacl==0.40.1 frictionless==5.21.0 pyoxigraph==0.5.13; apt-get install raptor2-utils gdal-bin
set -u
OUT=${1:?usage: check-exports.sh OUTDIR}
HERE=$(cd "$(dirname "$0")/.." && pwd)
CHECK=${SHACL_CHECK:-$HERE/../shared/tools/shacl/check.py}
fail=0
isomorphic=0
line() { printf '%-6s %-38s %s\n' "$1" "$2" "$3"; [ "$1" = FAIL ] && fail=1; return 0; }

# rdflib: all three parse, same triple count.
counts=$(python3 - "$OUT" <<'PY' 2>&1
import sys
from rdflib import Graph
from rdflib.compare import isomorphic
out = sys.argv[1]
gs = {}
for name, fmt in (("catalog.ttl", "turtle"), ("catalog.rdf", "xml"), ("catalog.jsonld", "json-ld")):
    g = Graph(); g.parse(f"{out}/{name}", format=fmt); gs[name] = g
n = {k: len(v) for k, v in gs.items()}
same = isomorphic(gs["catalog.ttl"], gs["catalog.rdf"]) and isomorphic(gs["catalog.ttl"], gs["catalog.jsonld"])
print(" ".join(f"{k}={v}" for k, v in n.items()), "isomorphic" if same else "NOT-isomorphic")
PY
)
if [ $? -eq 0 ] && [ "$(echo "$counts" | tr ' ' '\n' | grep -c "=$(echo "$counts" | sed 's/.*ttl=\([0-9]*\).*/\1/')$")" = 3 ] && echo "$counts" | grep -q ' isomorphic'; then
  line OK "rdflib parse + triple parity" "$counts"
  isomorphic=1
else
  line FAIL "rdflib parse + triple parity" "$(echo "$counts" | tail -1)"
fi

# Oxigraph (pyoxigraph) checks IRIs strictly (RFC 3987): one bad IRI and it refuses the whole file. All three
# formats must parse and state as many triples as rdflib read.
ox=$(python3 - "$OUT" <<'PY' 2>&1
import sys
import pyoxigraph as ox
out = sys.argv[1]
n = {}
for name, fmt in (("catalog.ttl", ox.RdfFormat.TURTLE), ("catalog.rdf", ox.RdfFormat.RDF_XML), ("catalog.jsonld", ox.RdfFormat.JSON_LD)):
    n[name] = len(set(ox.parse(path=f"{out}/{name}", format=fmt)))
print(" ".join(f"{k}={v}" for k, v in n.items()))
PY
)
if [ $? -eq 0 ] && [ "$(echo "$ox" | cut -d' ' -f1)" = "$(echo "$counts" | cut -d' ' -f1)" ] && [ "$(echo "$ox" | tr ' ' '\n' | cut -d= -f2 | sort -u | wc -l)" = 1 ]; then
  line OK "pyoxigraph strict parse + parity" "$ox"
else
  line FAIL "pyoxigraph strict parse + parity" "$(echo "$ox" | tail -1 | cut -c1-300)"
fi

# The acceptance target: 0 violations in the catalogue's profile ([catalog] profile, docs/conformance.md) —
# DCAT-AP.de 3.0 (GovData v30_de_spec, de3) and DCAT-AP 3.0.1 (ap301) by default, DCAT-AP.de 2.0 (de2) when
# catalog.model.json names profile dcat-ap.de-2.0 — with the controlled vocabularies loaded beside the data (as
# check.py does). SHACL_SETS overrides the choice.
if grep -q '"profile":"dcat-ap.de-2.0"' "$OUT/catalog.model.json" 2>/dev/null; then sets="de2"; else sets="de3 ap301"; fi
# Isomorphic graphs give the same SHACL results: the other two files are checked again only when they differ.
files="catalog.ttl"
if [ "$isomorphic" = 0 ] || [ "${SHACL_ALL_FORMATS:-0}" = 1 ]; then files="catalog.ttl catalog.rdf catalog.jsonld"; fi
for f in $files; do
  for set in ${SHACL_SETS:-$sets}; do
    res=$(python3 "$CHECK" "$OUT/$f" "$set" 2>/tmp/check-exports.$$.err | tail -1)
    n=$(echo "$res" | sed 's/^violations=\([0-9]*\).*/\1/')
    if [ "$n" = 0 ]; then line OK "shacl $set $f" "$res"; else
      line FAIL "shacl $set $f" "$res $(tr '\n' ' ' </tmp/check-exports.$$.err | cut -c1-300)"; fi
  done
done
rm -f /tmp/check-exports.$$.err

for pair in "turtle catalog.ttl" "rdfxml catalog.rdf"; do
  set -- $pair
  res=$(rapper -c -i "$1" "$OUT/$2" 2>&1 | grep -E "returned|rror" | tail -1)
  if [ "${PIPESTATUS[0]}" -eq 0 ]; then line OK "rapper -i $1" "$res"; else line FAIL "rapper -i $1" "$res"; fi
done

res=$(cd "$OUT" && frictionless validate datapackage.json 2>&1)
if [ $? -eq 0 ]; then line OK "frictionless validate" "valid"; else line FAIL "frictionless validate" "$(echo "$res" | grep -iE 'error|invalid' | head -3 | tr '\n' ' ')"; fi

res=$(ogrinfo -so -al "$OUT/datasets.geojson" 2>&1)
if [ $? -eq 0 ]; then line OK "ogrinfo datasets.geojson" "$(echo "$res" | grep -E 'Feature Count|Geometry:' | tr '\n' ' ')"; else
  line FAIL "ogrinfo datasets.geojson" "$(echo "$res" | head -2 | tr '\n' ' ')"; fi

exit $fail
