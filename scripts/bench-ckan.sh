#!/usr/bin/env bash
# Harvest and DCAT figures against a REAL CKAN 2.11 (../shared/tools/ckan-local), issue #8. Prints one Markdown
# section on stdout (scripts/bench.sh puts it into docs/performance.md); progress goes to stderr.
#
#   usage: scripts/bench-ckan.sh BIN DATA_DIR [N]
#     BIN       the opendata binary, or the folder holding it (bench.sh passes its release bin folder; use a
#               release build for timings: swift build -c release --product opendata)
#     DATA_DIR  generated dumps (bench.sh's BENCH_DATA, default .build/bench-data): DATA_DIR/N is made with
#               scripts/generate-dump.py N when missing
#     N         datasets to load into CKAN (default 1000)
#
# 1. starts a fresh CKAN with plugins `activity dcat` and ckanext-dcat 2.4.4 in its own home, loads all N records
#    of generate-dump.py N (source-a.jsonl then source-b.jsonl) with ckan-local's load.py;
# 2. `opendata run` in nightly (state) mode: a full harvest, then an unchanged incremental run;
# 3. `ckanapi dump datasets --all` with -p 1 and -p 4 (the venv's ckanapi 4.11);
# 4. ckanext-dcat's /catalog.ttl|.rdf|.jsonld, every page, against `opendata serve` paging the catalogue the full
#    harvest just published, 100 datasets a page on both sides (ckanext-dcat's default page size).
# If ckanext-dcat cannot be installed or CKAN does not start with it, CKAN is started without it, and the
# section says why the ckanext-dcat rows are missing.
#
# Environment: CKAN_BENCH_HOME (default <CKAN_LOCAL_HOME or ~/.cache/ckan-local-opendata>-bench),
# CKAN_BENCH_PORT (5057), CKAN_BENCH_SERVE_PORT (port of `opendata serve`, 5058), CKAN_BENCH_PLUGINS
# ("activity dcat"), CKAN_BENCH_PIP_EXTRA ("ckanext-dcat==2.4.4"), KEEP_CKAN=1 (leave CKAN running),
# KEEP_WORK=1 (keep the temporary folder with the outputs, dumps and logs), SETTLE_FS=0 (see scripts/settle-fs.sh),
# CKAN_FIGURES (a file to write the nightly run's figures to as key=value: bench.sh's targets and history).
set -euo pipefail

die() { echo "bench-ckan: ERROR: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }
[ $# -ge 2 ] && [ $# -le 3 ] || die "usage: scripts/bench-ckan.sh BIN DATA_DIR [N]"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$1
[ -d "$BIN" ] && BIN=$BIN/opendata
[ -x "$BIN" ] || die "no opendata binary at $BIN (build it: swift build -c release --product opendata)"
BIN=$(realpath "$BIN")
DATA_DIR=$(mkdir -p "$2" && cd "$2" && pwd)
N=${3:-1000}
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a whole number ≥ 1, not '$N'"
T=$ROOT/../shared/tools/ckan-local
[ -x "$T/start.sh" ] || T=/work/shared/tools/ckan-local
[ -x "$T/start.sh" ] || die "ckan-local not found at $ROOT/../shared/tools/ckan-local"
command -v curl >/dev/null || die "needs curl"

SHARED=${CKAN_LOCAL_HOME:-$HOME/.cache/ckan-local-opendata}
export CKAN_LOCAL_HOME=${CKAN_BENCH_HOME:-$SHARED-bench}
PORT=${CKAN_BENCH_PORT:-5057}
SERVE_PORT=${CKAN_BENCH_SERVE_PORT:-5058}
PLUGINS=${CKAN_BENCH_PLUGINS:-activity dcat}
PIP_EXTRA=${CKAN_BENCH_PIP_EXTRA:-ckanext-dcat==2.4.4}
DCAT_NAME=${PIP_EXTRA:-ckanext-dcat}; DCAT_NAME=${DCAT_NAME/==/ }
WORK=$(mktemp -d /tmp/opendata-bench-ckan.XXXXXX)
SERVE_PID=
STARTED=0
T_START=$SECONDS

cleanup() {
  local rc=$?
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null
  if [ $STARTED = 1 ] && [ "${KEEP_CKAN:-0}" != 1 ]; then "$T/stop.sh" >/dev/null 2>&1 || true; fi
  if [ $rc != 0 ] || [ "${KEEP_WORK:-0}" = 1 ]; then echo "bench-ckan: outputs and logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.2f", e - s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 <= 0) print "–"; else printf "%.1f×", a / b }'; }
# Requests CKAN served so far: Flask logs one "<status> <path> render time" line per request in ckan.log.
served() { grep -cE 'flask_app\] +[0-9]{3} /' "$CKAN_LOCAL_HOME/logs/ckan.log" || true; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$2"; }  # EXPR (of d) FILE

# ---- data: all N generated records -------------------------------------------------------------------------
SRC=$DATA_DIR/$N
if [ ! -f "$SRC/source-a.jsonl" ] || [ ! -f "$SRC/source-b.jsonl" ]; then
  log "generating $N datasets into $SRC"
  python3 "$ROOT/scripts/generate-dump.py" "$N" "$SRC" >&2
fi
# source-a then source-b. The cross-source copies that keep a source-a CKAN id would only update that dataset
# (load.py matches on id), so they are loaded without their id: CKAN then holds all N records (their names are
# unique). `private` is set to false: both clients harvest anonymously and must see every dataset.
python3 - "$SRC" "$WORK/bench-load.jsonl" <<'PY' >&2
import json, sys
seen, n, fresh = set(), 0, 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for name in ("source-a.jsonl", "source-b.jsonl"):
        for line in open(f"{sys.argv[1]}/{name}", encoding="utf-8"):
            if not line.strip():
                continue
            d = json.loads(line)
            if d.get("id") in seen:
                d.pop("id"); fresh += 1
            elif d.get("id"):
                seen.add(d["id"])
            d["private"] = False
            out.write(json.dumps(d, ensure_ascii=False) + "\n"); n += 1
print(f"bench-ckan: {n} records to load ({fresh} cross-source copies without their CKAN id)")
PY

# ---- CKAN ----------------------------------------------------------------------------------------------------
# The venv (a minute or more of pip) is reused from a home where it is complete and already holds exactly this pip
# extra: the shared home of the integration scripts, or compare-ckanext-dcat.sh's. Otherwise start.sh builds one
# here. A reused venv is only linked, never installed into (start.sh would pip install if .extra differed).
mkdir -p "$CKAN_LOCAL_HOME"
if [ -L "$CKAN_LOCAL_HOME/venv" ] && [ "$(cat "$CKAN_LOCAL_HOME/venv/.extra" 2>/dev/null)" != "$PIP_EXTRA" ]; then
  rm "$CKAN_LOCAL_HOME/venv"
fi
if [ ! -e "$CKAN_LOCAL_HOME/venv" ]; then
  for home in "$SHARED" "$HOME/.cache/ckan-local-dcat"; do
    if compgen -G "$home/venv/.ckan-*-ok" >/dev/null && [ "$(cat "$home/venv/.extra" 2>/dev/null)" = "$PIP_EXTRA" ]; then
      ln -sfn "$home/venv" "$CKAN_LOCAL_HOME/venv"; log "reusing the venv of $home"; break
    fi
  done
fi
# Every measurement starts from a fresh site holding exactly the generated records.
if [ -s "$CKAN_LOCAL_HOME/pids" ]; then
  log "stopping the CKAN left running in $CKAN_LOCAL_HOME"
  "$T/stop.sh" >&2 || true
fi

# start.sh refuses a port it cannot bind, and it binds without SO_REUSEADDR: for a minute after a CKAN on this port
# stopped, the closed connections (TIME_WAIT) keep it unusable. Wait for that rather than fail.
bindable() { python3 -c 'import socket,sys; socket.socket().bind(("127.0.0.1", int(sys.argv[1])))' "$PORT" 2>/dev/null; }
if ! bindable; then
  log "port $PORT is busy; waiting up to 120 s for it (TIME_WAIT after an earlier CKAN, or another program)"
  for _ in $(seq 120); do bindable && break; sleep 1; done
fi

DCAT_MISSING=
start_ckan() {  # $1 = plugins, $2 = pip extra; prints the URL (runs in a subshell: set STARTED before)
  CKAN_LOCAL_PLUGINS=$1 CKAN_LOCAL_PIP_EXTRA=$2 "$T/start.sh" --port "$PORT" 2>"$WORK/ckan-start.log" | tail -1
}
log "starting CKAN 2.11 in $CKAN_LOCAL_HOME on port $PORT (plugins: $PLUGINS; pip extra: ${PIP_EXTRA:-none})"
t0=$(now); STARTED=1
if ! URL=$(start_ckan "$PLUGINS" "$PIP_EXTRA") || [ -z "$URL" ]; then
  why=$(grep -h 'ERROR' "$WORK/ckan-start.log" | tail -1 | sed 's/^\[ckan-local [^]]*\] //' || true)
  # The line that says why: pip's last error when the install failed, else the last line CKAN or start.sh logged.
  if [[ $why == *"pip install"* ]]; then
    last=$(grep -h 'ERROR' "$CKAN_LOCAL_HOME/logs/pip.log" 2>/dev/null | tail -1 | cut -c1-200 || true)
  else
    logs=("$WORK/ckan-start.log")  # ckan.log only if this attempt wrote it (start.sh may stop before it starts CKAN)
    [ "$CKAN_LOCAL_HOME/logs/ckan.log" -nt "$WORK/bench-load.jsonl" ] && logs+=("$CKAN_LOCAL_HOME/logs/ckan.log")
    last=$(cat "${logs[@]}" | grep -v -e '^\[ckan-local' -e '^\s*$' | tail -1 | cut -c1-200 || true)
  fi
  DCAT_MISSING="ckan-local did not start with plugins \`$PLUGINS\` and pip extra \`$PIP_EXTRA\`: ${why:-no error line}${last:+ (last log line: \`$last\`)}"
  cp "$WORK/ckan-start.log" "$WORK/ckan-start-dcat.log"
  log "$DCAT_MISSING"
  log "starting CKAN without ckanext-dcat"
  "$T/stop.sh" >/dev/null 2>&1 || true
  t0=$(now)
  URL=$(start_ckan activity "") || {
    tail -20 "$WORK/ckan-start.log" >&2
    die "ckan-local did not start: $(grep -h 'ERROR' "$WORK/ckan-start.log" | tail -1 | sed 's/^\[ckan-local [^]]*\] //' || true) (see $WORK/ckan-start.log)"
  }
  [ -n "$URL" ] || die "ckan-local printed no URL (see $WORK/ckan-start.log)"
fi
echo "bench-ckan: CKAN up at $URL after $(since "$t0") s" >&2
TOKEN=$(cat "$CKAN_LOCAL_HOME/token")
PY_CKAN=$CKAN_LOCAL_HOME/venv/bin/python

log "loading $N datasets with load.py"
t0=$(now)
"$PY_CKAN" "$T/load.py" "$URL" "$TOKEN" "$WORK/bench-load.jsonl" --org bench >"$WORK/load.log" 2>&1 ||
  { tail -20 "$WORK/load.log" >&2; die "load.py failed (see $WORK/load.log)"; }
LOAD_S=$(since "$t0")
grep -E '^TOTAL' "$WORK/load.log" >&2 || true
COUNT=$(curl -fsS "$URL/api/3/action/package_search?rows=0" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["count"])') ||
  die "package_search on $URL failed"
echo "bench-ckan: loaded in $LOAD_S s; CKAN lists $COUNT datasets (anonymous package_search)" >&2
[ "$COUNT" -gt 0 ] || die "CKAN holds no datasets after loading (see $WORK/load.log)"
[ "$COUNT" = "$N" ] || echo "bench-ckan: warning: $N records loaded, CKAN lists $COUNT" >&2

# ---- our harvest: full, then unchanged -----------------------------------------------------------------------
# overlap_minutes = 0: ckan-local stamps every dataset with its load time, minutes ago, so with the default 60-minute
# overlap the "unchanged" run would fetch the whole site again and measure nothing incremental.
cat >"$WORK/sources.toml" <<TOML
[catalog]
title = "Benchmark (local CKAN)"
description = "Nightly harvest of a local CKAN 2.11 with $N generated datasets"
base_uri = "https://example.org/bench"
vocabularies = "$ROOT/catalog/vocabularies"
licences = "$ROOT/catalog/licences.toml"
[catalog.publisher]
name = "Benchmark"
[harvest]
offline = false
timeout_seconds = 120
overlap_minutes = 0
[[source]]
id = "local-ckan"
title = "Local CKAN"
kind = "ckan"
url = "$URL"
[source.defaults]
portal_url = "$URL"
TOML
OUT=$WORK/out
HARVEST_ROWS=()
ours_run() {  # $1 = label; sets WALL REQ FETCHED LOGREQ
  local c0 t0 rc=0
  c0=$(served); t0=$(now)
  mkdir -p "$WORK/state"
  "$BIN" run --config "$WORK/sources.toml" --out "$OUT" --state "$WORK/state/state.sqlite" >"$WORK/run-$1.log" 2>&1 || rc=$?
  WALL=$(since "$t0"); LOGREQ=$(( $(served) - c0 ))
  cp "$OUT/report.json" "$WORK/report-$1.json" 2>/dev/null || true
  [ $rc = 0 ] || { tail -20 "$WORK/run-$1.log" >&2; die "opendata run ($1) exited $rc (see $WORK/run-$1.log)"; }
  REQ=$(json "d['sources'][0]['requests']" "$OUT/report.json")
  FETCHED=$(json "d['sources'][0]['incremental']['fetched']" "$OUT/report.json")
  echo "bench-ckan: $1: $(json "d['sources'][0]['incremental']['harvest']" "$OUT/report.json") harvest, $FETCHED fetched," \
    "$REQ requests (CKAN logged $LOGREQ), $WALL s, $(json "d['totals']['datasets']" "$OUT/report.json") datasets published" >&2
}
# Settled file system (scripts/settle-fs.sh: files created right after a large deletion are slow on ext4 without a
# journal), then one untimed package_search like the run's, so CKAN answers warm both for our run and for curl below.
ROWS1=$(( COUNT < 1000 ? COUNT : 1000 ))
SETTLED=$("$ROOT/scripts/settle-fs.sh" --binary "$BIN")
curl -fsS -o /dev/null "$URL/api/3/action/package_search?q=*:*&rows=$ROWS1&start=0" || die "package_search rows=$ROWS1 failed"
log "file system: $SETTLED; CKAN warmed with one package_search"
log "opendata run, nightly mode: full harvest"
ours_run full
FULL_WALL=$WALL FULL_REQ=$REQ FULL_LOGREQ=$LOGREQ
[ "$FETCHED" = "$COUNT" ] || echo "bench-ckan: warning: the full harvest fetched $FETCHED of $COUNT datasets" >&2
HARVEST_ROWS+=("| opendata run, nightly, first run (full) | $FETCHED | $REQ | $WALL | 1.0× |")
# The harvest step of that run alone: report.json's durationSeconds for the source (requests, record hashes
# against the state store, the store's update), without mapping, exports, site and publishing.
FULL_HARVEST=$(json "'%.2f' % d['sources'][0]['durationSeconds']" "$WORK/report-full.json")
HARVEST_ROWS+=("| ↳ its harvest step alone (report.json \`durationSeconds\`) | $FETCHED | $REQ | $FULL_HARVEST | $(ratio "$FULL_HARVEST" "$FULL_WALL") |")
log "opendata run, nightly mode: unchanged site"
ours_run unchanged
UNCH_LOGREQ=$LOGREQ UNCH_WALL=$WALL
[ "$REQ" -le 2 ] || echo "bench-ckan: warning: the unchanged run made $REQ requests (expected ≤ 2)" >&2
HARVEST_ROWS+=("| opendata run, nightly, unchanged (incremental) | $FETCHED | $REQ | $WALL | $(ratio "$WALL" "$FULL_WALL") |")

# CKAN's own share: the time it takes to answer one package_search for all N datasets (what our full harvest asks
# for in its one request), fetched by curl. No client can harvest faster than this; it bounds every ratio below.
# (CKAN caps rows at 1000: for larger N this is the first page only.)
t0=$(now)
curl -fsS -o "$WORK/search-all.json" "$URL/api/3/action/package_search?q=*:*&rows=$ROWS1&start=0" || die "package_search rows=$ROWS1 failed"
SEARCH_S=$(since "$t0")
echo "bench-ckan: CKAN answers package_search rows=$ROWS1 in $SEARCH_S s; our harvest step took $FULL_HARVEST s ($(ratio "$FULL_HARVEST" "$SEARCH_S")), the whole run $FULL_WALL s ($(ratio "$FULL_WALL" "$SEARCH_S"))" >&2
HARVEST_ROWS+=("| CKAN alone: one package_search, rows=$ROWS1 (curl, no processing) | $ROWS1 | 1 | $SEARCH_S | $(ratio "$SEARCH_S" "$FULL_WALL") |")

# ---- ckanapi -------------------------------------------------------------------------------------------------
for p in 1 4; do
  log "ckanapi dump datasets --all -p $p"
  c0=$(served); t0=$(now); rc=0
  # -p N starts its workers as `ckanapi`: the venv's bin must be on PATH.
  PATH=$CKAN_LOCAL_HOME/venv/bin:$PATH ckanapi dump datasets --all -p "$p" -r "$URL" -O "$WORK/ckanapi-$p.jsonl" -q \
    >"$WORK/ckanapi-$p.log" 2>&1 || rc=$?
  t=$(since "$t0"); req=$(( $(served) - c0 ))
  lines=$(wc -l <"$WORK/ckanapi-$p.jsonl" 2>/dev/null || echo 0)
  echo "bench-ckan: ckanapi -p $p: $lines datasets, $req requests, $t s (exit $rc)" >&2
  label="ckanapi 4.11 dump datasets --all -p $p"
  [ $rc = 0 ] || label="$label (failed: exit $rc, $(tail -1 "$WORK/ckanapi-$p.log" | cut -c1-80))"
  HARVEST_ROWS+=("| $label | $lines | $req | $t | $(ratio "$t" "$FULL_WALL") |")
done

# ---- DCAT: ckanext-dcat pages vs opendata serve pages ---------------------------------------------------------
# Fetches every page of FIRST_URL, following hydra:next / hydra:nextPage. Only the GETs are timed (sequential, one
# connection each, no compression); parsing the page (to find the next link and count) is not. Prints
# seconds= pages= datasets= triples= bytes= (triples without the paging node).
PY_RDF=python3
python3 -c 'import rdflib' 2>/dev/null || PY_RDF=$PY_CKAN
fetch_pages() {  # FIRST_URL FORMAT
  "$PY_RDF" - "$1" "$2" <<'PY'
import sys, time, urllib.request
from rdflib import Graph, Namespace, RDF
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
url, fmt = sys.argv[1], {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}[sys.argv[2]]
seconds = 0.0; pages = datasets = triples = size = 0; seen = set()
while url and url not in seen and pages < 100000:
    seen.add(url)
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as r:
        body = r.read()
    seconds += time.perf_counter() - t
    pages += 1; size += len(body)
    g = Graph(); g.parse(data=body, format=fmt, publicID=url)
    url = None
    for node in set(g.subjects(RDF.type, HYDRA.PagedCollection)) | set(g.subjects(RDF.type, HYDRA.PartialCollectionView)):
        nxt = g.value(node, HYDRA.next) or g.value(node, HYDRA.nextPage)
        if nxt is not None:
            url = str(nxt)
        for t3 in list(g.triples((node, None, None))):
            g.remove(t3)
    datasets += len(set(g.subjects(RDF.type, DCAT.Dataset))); triples += len(g)
print(f"seconds={seconds:.2f} pages={pages} datasets={datasets} triples={triples} bytes={size}")
PY
}
kv() { { grep -o "$1=[^ ]*" <<<"$2" || true; } | head -1 | cut -d= -f2; }
fetched() {  # FORMAT fetch_pages-output: "ttl 10 pages, 1000 datasets, 48000 triples, 3.1 MB"
  echo "$1 $(kv pages "$2") pages, $(kv datasets "$2") datasets, $(kv triples "$2") triples, $(awk -v b="$(kv bytes "$2")" 'BEGIN { printf "%.1f", b / 1048576 }') MB"
}

DCAT_ROWS=()
THEIRS_TEXT=()
OURS_TEXT=()
OURS_MISSING=
if [ -z "$DCAT_MISSING" ]; then
  code=$(curl -s -o "$WORK/dcat-probe.ttl" -w '%{http_code}' "$URL/catalog.ttl?page=1" || true)
  [ "$code" = 200 ] || DCAT_MISSING="ckanext-dcat is installed but GET /catalog.ttl?page=1 answered HTTP ${code:-nothing} ($(grep -hv '^\s*$' "$WORK/dcat-probe.ttl" 2>/dev/null | head -1 | cut -c1-120 || true))"
fi
"$BIN" serve --dir "$OUT/current" --port "$SERVE_PORT" --quiet >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
OURS_URL=http://127.0.0.1:$SERVE_PORT
for _ in $(seq 100); do curl -fs -o /dev/null "$OURS_URL/health" && break; kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.2; done
curl -fs -o /dev/null "$OURS_URL/health" || OURS_MISSING="opendata serve did not answer on port $SERVE_PORT: $(tail -1 "$WORK/serve.log")"
for f in ttl rdf jsonld; do
  theirs= ours=
  if [ -z "$DCAT_MISSING" ]; then
    log "ckanext-dcat: $URL/catalog.$f, every page"
    res=$(fetch_pages "$URL/catalog.$f?page=1" "$f") || { echo "bench-ckan: fetching ckanext-dcat's catalog.$f failed" >&2; res=; }
    theirs=$(kv seconds "$res")
    echo "bench-ckan: ckanext-dcat $f: $res" >&2
    [ -n "$res" ] && THEIRS_TEXT+=("$(fetched "$f" "$res")")
  fi
  if [ -z "$OURS_MISSING" ]; then
    log "opendata serve: $OURS_URL/catalog.$f?pageSize=100, every page"
    res=$(fetch_pages "$OURS_URL/catalog.$f?page=1&pageSize=100" "$f") || { echo "bench-ckan: fetching our catalog.$f failed" >&2; res=; }
    ours=$(kv seconds "$res")
    echo "bench-ckan: ours $f: $res" >&2
    [ -n "$res" ] && OURS_TEXT+=("$(fetched "$f" "$res")")
  fi
  DCAT_ROWS+=("| $f | ${theirs:-–} | ${ours:-–} | $(ratio "$theirs" "$ours") |")
done
kill "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=

# ---- the section ---------------------------------------------------------------------------------------------
LOAD_AVG=$(cut -d' ' -f1-3 /proc/loadavg)
echo "bench-ckan: done in $((SECONDS - T_START)) s" >&2
# The figures bench.sh's targets table and history read, as key=value (CKAN_FIGURES names the file).
if [ -n "${CKAN_FIGURES:-}" ]; then
  echo "nightly_s=$FULL_WALL search_s=$SEARCH_S harvest_s=$FULL_HARVEST unchanged_s=$UNCH_WALL" >"$CKAN_FIGURES"
fi
{
  echo "## Harvest and DCAT against a real CKAN 2.11 (ckan-local, $COUNT datasets)"
  echo
  echo "\`scripts/bench-ckan.sh\`: CKAN 2.11.6 from \`../shared/tools/ckan-local\` (PostgreSQL, Redis, Werkzeug's threaded"
  echo "development server) holding all $N records of \`generate-dump.py $N\` (source-a then source-b, all public),"
  echo "loaded in $LOAD_S s with \`load.py\`. Caveat: Solr is replaced by ckan-local's in-memory stand-in, so"
  echo "\`package_search\` matching, sorting and counting are the stand-in's, not Solr's. Load at the end: $LOAD_AVG."
  echo
  echo "### Harvest"
  echo
  echo "Our runs are \`opendata run --state\` (nightly mode, default rows, \`overlap_minutes = 0\`) and include mapping,"
  echo "deduplication and all exports and the site; ckanapi only dumps the JSON. Requests: ours from report.json (CKAN's"
  echo "request log counted $FULL_LOGREQ and $UNCH_LOGREQ), ckanapi's from CKAN's request log. Datasets: fetched by us, lines"
  echo "dumped by ckanapi. Ratio = wall time / our full harvest's wall time. The unchanged run asks for"
  echo "\`metadata_modified:[since TO *]\` with \`since\` in whole seconds, so it fetches again (and finds unchanged) the"
  echo "datasets CKAN stamped within the last second the first run saw. Before the first run the file system was settled"
  echo "(\`scripts/settle-fs.sh\`: $SETTLED) and CKAN answered one untimed package_search like the run's, so both sides"
  echo "are measured warm."
  echo
  echo "| client | datasets | requests | wall s | ratio |"
  echo "|---|---:|---:|---:|---:|"
  printf '%s\n' "${HARVEST_ROWS[@]}"
  echo
  echo "Against CKAN's own answer (the \"CKAN alone\" row): the harvest step of our full run took $(ratio "$FULL_HARVEST" "$SEARCH_S"),"
  echo "the whole nightly run $(ratio "$FULL_WALL" "$SEARCH_S") its time (issue 14's target for the nightly harvest: ≤ 2×)."
  echo
  echo "### DCAT serialisation: $DCAT_NAME vs \`opendata serve\`"
  echo
  echo "Both sides serve the same $COUNT datasets over HTTP in pages of 100 (ckanext-dcat's default page size) and"
  echo "every page is fetched once, following \`hydra:next\`: ckanext-dcat's \`/catalog.<fmt>?page=N\` (default profile"
  echo "\`euro_dcat_ap_3\`: package_search, rdflib graph, rdflib serialiser per request) against our"
  echo "\`/catalog.<fmt>?page=N&pageSize=100\` from the snapshot the full harvest published (DCAT-AP.de, DCATDocument and"
  echo "our serialisers per page, first request of each page, so nothing comes from our page cache) — the fairest"
  echo "comparison because both render a page from the datasets each server holds, over the same HTTP round trips."
  echo "Seconds are the sum of the sequential GETs (client parsing not included). Ratio = ckanext-dcat / ours."
  echo
  echo "| format | ckanext-dcat s | ours s | ratio |"
  echo "|---|---:|---:|---:|"
  printf '%s\n' "${DCAT_ROWS[@]}"
  echo
  if [ -n "$DCAT_MISSING" ]; then echo "ckanext-dcat figures are missing: $DCAT_MISSING."; fi
  if [ -n "$OURS_MISSING" ]; then echo "Our figures are missing: $OURS_MISSING."; fi
  if [ ${#THEIRS_TEXT[@]} -gt 0 ]; then echo "Fetched from ckanext-dcat: $(printf '%s; ' "${THEIRS_TEXT[@]}" | sed 's/; $//')."; fi
  if [ ${#OURS_TEXT[@]} -gt 0 ]; then echo "Fetched from ours: $(printf '%s; ' "${OURS_TEXT[@]}" | sed 's/; $//')."; fi
}
