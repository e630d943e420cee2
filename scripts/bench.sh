#!/usr/bin/env bash
# Reproducible performance figures; writes docs/performance.md (never edit its numbers by hand).
#
#   scripts/bench.sh [SIZE...]        default sizes: 1000 10000 100000
#
# Environment: BENCH_DATA (generated dumps, default .build/bench-data), HARVEST_N (records served by the fake
# CKAN, default 1000, 0 skips the harvest comparison), LATENCY (seconds per request, default 0.05),
# SKIP_CKANAPI=1 (skip `ckanapi dump`), SKIP_RDFLIB=1, RDFLIB_N (size for the rdflib and pyoxigraph comparison, default 10000;
# needs pip rdflib==7.6.0 and pyoxigraph==0.5.13, as .ci/run installs them),
# DEDUP_N (default 100000), STAGES_MAX (largest size with stage timings, default 10000), PORT (default 8765), DOC (default docs/performance.md),
# CKAN_N (datasets loaded into a real CKAN 2.11 for scripts/bench-ckan.sh: harvest vs ckanapi, DCAT vs ckanext-dcat;
# default 1000, 0 skips), SKIP_CKAN=1 (same as CKAN_N=0; bench-ckan.sh's own variables are listed in that script),
# SETTLE_FS=0 (no scripts/settle-fs.sh before the timed runs: it syncs and, as root, drops the whole page cache),
# HISTORY (the run history a line is appended to, default docs/bench-history.tsv beside DOC; scripts/bench-targets.sh),
# NOWRITE_SIZES (sizes, e.g. "1000000", also measured without the file system: `opendata-bench pipeline`, the whole
# pipeline with each file counted instead of written; for sizes whose outputs do not fit on the disk; default none).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@"); [ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
DATA=${BENCH_DATA:-$ROOT/.build/bench-data}
HARVEST_N=${HARVEST_N:-1000}
LATENCY=${LATENCY:-0.05}
RDFLIB_N=${RDFLIB_N:-10000}
DEDUP_N=${DEDUP_N:-100000}
CKAN_N=${CKAN_N:-1000}
PORT=${PORT:-8765}
DOC=${DOC:-$ROOT/docs/performance.md}
TMP=$(mktemp -d /tmp/opendata-bench.XXXXXX)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

[ -x /usr/bin/time ] || { echo "bench.sh: needs GNU time (apt-get install -y time)" >&2; exit 2; }
# The code measured: HEAD, and whether Sources differ from it, taken before the build (edits made while the
# bench runs are not in its binaries).
BENCH_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || BENCH_COMMIT+="+changes"
echo "== building release" >&2
swift build -c release --product opendata >&2
swift build -c release --product opendata-bench >&2
BIN=$(swift build -c release --show-bin-path)

# Parse `/usr/bin/time -v` output: wall seconds, cpu seconds, peak RSS MB.
parse_time() {
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time/ { u = $2 } /System time/ { s = $2 }
    /Maximum resident set size/ { r = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", w, u + s, r }' "$1"
}
kv() { grep -o "$1=[^ ]*" "$2" | head -1 | cut -d= -f2; }

ROWS=()
AUDIT_ROWS=()
STAGE_ROWS=()
# Per size: wall s, peak RSS MiB, input MB/s and json MB/s, for the targets table and the history.
declare -A WALL_AT RSS_AT MBS_AT JSON_AT
for n in "${SIZES[@]}"; do
  dir=$DATA/$n
  if [ ! -f "$dir/sources.toml" ]; then
    echo "== generating $n datasets" >&2
    python3 scripts/generate-dump.py "$n" "$dir" >&2
  fi
  mb=$(du -cb "$dir"/source-*.jsonl | tail -1 | awk '{printf "%.1f", $1 / 1048576}')
  echo "== pipeline $n ($mb MB)" >&2
  # A run creates ~4.4 files per dataset; right after the previous size's output was deleted, ext4 without a
  # journal makes each creation scan the recently freed inodes (scripts/settle-fs.sh): settle first, start warm.
  SETTLED=$(scripts/settle-fs.sh --binary "$BIN/opendata" "$dir"/source-*.jsonl)
  /usr/bin/time -v "$BIN/opendata" run --offline --config "$dir/sources.toml" --out "$TMP/out-$n" >"$TMP/run-$n.log" 2>"$TMP/time-$n.log" || true
  read -r wall cpu rss < <(parse_time "$TMP/time-$n.log")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  mbs=$(awk -v m="$mb" -v w="$wall" 'BEGIN { printf "%.1f", (w > 0 ? m / w : 0) }')
  datasets=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['totals']['datasets'])" "$TMP/out-$n/report.json" 2>/dev/null || echo "?")
  ROWS+=("| $n | $mb | $datasets | $wall | $cpu | $rss | $mbs | $load |")
  WALL_AT[$n]=$wall RSS_AT[$n]=$rss MBS_AT[$n]=$mbs
  # Outputs grow by ~105 KB per dataset: keep only the one the rdflib comparison reads.
  [ "$n" = "$RDFLIB_N" ] || rm -rf "$TMP/out-$n" "$TMP/out-$n.snapshots"
  # The maintainers' licence audit on the same input: the map and merge steps, licences.csv to stdout.
  echo "== audit licences $n" >&2
  /usr/bin/time -v "$BIN/opendata" audit licences --format csv --config "$dir/sources.toml" >"$TMP/audit-$n.csv" 2>"$TMP/audit-time-$n.log" || true
  read -r awall acpu arss < <(parse_time "$TMP/audit-time-$n.log")
  AUDIT_ROWS+=("| $n | $awall | $acpu | $arss | $(du -b "$TMP/audit-$n.csv" | awk '{printf "%.1f", $1 / 1048576}') | $(cut -d' ' -f1-3 /proc/loadavg) |")
  rm -f "$TMP/audit-$n.csv"
  [ "$n" -le "${STAGES_MAX:-10000}" ] || continue  # stage timings repeat the whole run: small sizes only
  "$BIN/opendata-bench" stages "$dir/sources.toml" >"$TMP/stages-$n.txt"
  s=$TMP/stages-$n.txt
  JSON_AT[$n]=$(kv json_mb_s "$s")
  STAGE_ROWS+=("| $n | $(kv read "$s") | $(kv json_mb_s "$s") ($(kv json_mb_s_range "$s")) | $(kv map "$s") | $(kv dedup "$s") | $(kv graph "$s") | $(kv turtle "$s") | $(kv rdfxml "$s") | $(kv jsonld "$s") | $(kv rdf_files "$s") | $(kv pipeline "$s") | $(kv triples "$s") |")
done

# Sizes measured without writing (NOWRITE_SIZES): read + Pipeline.run, files counted and let go.
NOWRITE_ROWS=()
declare -A NOWRITE_WALL NOWRITE_RSS
for n in ${NOWRITE_SIZES:-}; do
  dir=$DATA/$n
  [ -f "$dir/sources.toml" ] || python3 scripts/generate-dump.py "$n" "$dir" >&2
  mb=$(du -cb "$dir"/source-*.jsonl | tail -1 | awk '{printf "%.1f", $1 / 1048576}')
  echo "== pipeline without writing $n ($mb MB)" >&2
  /usr/bin/time -v "$BIN/opendata-bench" pipeline "$dir/sources.toml" >"$TMP/nowrite-$n.txt" 2>"$TMP/nowrite-time-$n.log" || true
  read -r wall cpu rss < <(parse_time "$TMP/nowrite-time-$n.log")
  s=$TMP/nowrite-$n.txt
  gb=$(awk -v b="$(kv bytes "$s")" 'BEGIN { printf "%.1f", b / 1e9 }')
  NOWRITE_ROWS+=("| $n | $mb | $(kv datasets "$s") | $wall | $(kv read "$s") | $(kv pipeline "$s") | $cpu | $rss | $(kv files "$s") | $gb | $(cut -d' ' -f1-3 /proc/loadavg) |")
  NOWRITE_WALL[$n]=$wall NOWRITE_RSS[$n]=$rss
done

echo "== dedup $DEDUP_N (synthetic)" >&2
DEDUP_LINE=$("$BIN/opendata-bench" dedup "$DEDUP_N")
DEDUP_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# DCAT serialisation vs rdflib on the same graph (our catalog.ttl).
RDF_ROWS=()
declare -A RDFLIB_X OX_X  # their time / ours per format
if [ "${SKIP_RDFLIB:-0}" != 1 ] && python3 -c "import rdflib" 2>/dev/null; then
  dir=$DATA/$RDFLIB_N
  [ -f "$dir/sources.toml" ] || python3 scripts/generate-dump.py "$RDFLIB_N" "$dir" >&2
  [ -f "$TMP/stages-$RDFLIB_N.txt" ] || "$BIN/opendata-bench" stages "$dir/sources.toml" >"$TMP/stages-$RDFLIB_N.txt"
  [ -f "$TMP/out-$RDFLIB_N/catalog.ttl" ] || "$BIN/opendata" run --offline --config "$dir/sources.toml" --out "$TMP/out-$RDFLIB_N" >/dev/null 2>&1 || true
  echo "== rdflib $(python3 -c 'import rdflib; print(rdflib.__version__)') on catalog.ttl of $RDFLIB_N" >&2
  python3 - "$TMP/out-$RDFLIB_N/catalog.ttl" >"$TMP/rdflib.txt" <<'PY'
import sys, time, rdflib
g = rdflib.Graph()
t = time.perf_counter(); g.parse(sys.argv[1], format="turtle"); print(f"parse={time.perf_counter() - t:.3f} triples={len(g)}")
for name, fmt in (("turtle", "turtle"), ("rdfxml", "xml"), ("jsonld", "json-ld")):
    t = time.perf_counter(); g.serialize(format=fmt); print(f"{name}={time.perf_counter() - t:.3f}")
try:  # pyoxigraph (Rust), the fast peer: the same triples, its serialisers
    import pyoxigraph as ox
    t = time.perf_counter(); triples = list(ox.parse(path=sys.argv[1], format=ox.RdfFormat.TURTLE))
    print(f"ox_version={ox.__version__} ox_parse={time.perf_counter() - t:.3f} ox_triples={len(triples)}")
    for name, fmt in (("turtle", ox.RdfFormat.TURTLE), ("rdfxml", ox.RdfFormat.RDF_XML), ("jsonld", ox.RdfFormat.JSON_LD)):
        t = time.perf_counter(); ox.serialize(triples, format=fmt); print(f"ox_{name}={time.perf_counter() - t:.3f}")
except ImportError:
    pass
PY
  s=$TMP/stages-$RDFLIB_N.txt
  for f in turtle rdfxml jsonld; do
    ours=$(kv $f "$s"); theirs=$(kv $f "$TMP/rdflib.txt"); ox=$(kv "ox_$f" "$TMP/rdflib.txt" || true)
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b <= 0) print "—"; else printf "%.2f×", a / b }'; }
    RDF_ROWS+=("| $f | $ours | $theirs | $(ratio "$theirs" "$ours") | ${ox:-not installed} | $(ratio "$ox" "$ours") |")
    RDFLIB_X[$f]=$(ratio "$theirs" "$ours") OX_X[$f]=$(ratio "$ox" "$ours")
  done
  RDF_NOTE="$RDFLIB_N generated datasets, $(kv triples "$TMP/rdflib.txt") triples (rdflib parse of our catalog.ttl: $(kv parse "$TMP/rdflib.txt") s); ours = serialisation from the built graph (graph build $(kv graph "$s") s, not included)"
fi

# Harvest: our client vs ckanapi against the same fake CKAN with injected latency.
HARVEST_ROWS=()
declare -A CKANAPI_X  # ckanapi's wall time / ours, per worker count
if [ "$HARVEST_N" != 0 ]; then
  dir=$DATA/$HARVEST_N
  [ -f "$dir/sources.toml" ] || python3 scripts/generate-dump.py "$HARVEST_N" "$dir" >&2
  python3 scripts/fake-ckan.py "$PORT" "$dir"/source-a.jsonl "$dir"/source-b.jsonl --latency "$LATENCY" &
  SERVER_PID=$!
  URL=http://127.0.0.1:$PORT
  for _ in $(seq 50); do curl -sf "$URL/__stats" >/dev/null && break; sleep 0.2; done
  sed -e '/^\[\[source\]\]/,$d' "$dir/sources.toml" >"$TMP/live.toml"
  printf '\n[[source]]\nid = "fake"\ntitle = "Fake CKAN"\nkind = "ckan"\nurl = "%s"\n' "$URL" >>"$TMP/live.toml"
  echo "== harvest $HARVEST_N from fake CKAN ($LATENCY s/request)" >&2
  curl -sf "$URL/__reset" >/dev/null
  scripts/settle-fs.sh --binary "$BIN/opendata" >/dev/null
  start=$(date +%s.%N)
  "$BIN/opendata" run --live --config "$TMP/live.toml" --out "$TMP/out-live" >/dev/null 2>"$TMP/live.log" || true
  ours=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  ours_req=$(curl -sf "$URL/__stats" | python3 -c "import json,sys; print(json.load(sys.stdin)['requests'])")
  got=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['totals']['fetched'])" "$TMP/out-live/report.json" 2>/dev/null || echo "?")
  HARVEST_ROWS+=("| opendata run --live (package_search, rows 1000) | $got | $ours_req | $ours | 1.0× |")
  if [ "${SKIP_CKANAPI:-0}" != 1 ]; then
    VENV=$ROOT/.build/bench-venv
    [ -x "$VENV/bin/ckanapi" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q ckanapi==4.11 >&2; }
    for p in 1 4; do
      echo "== ckanapi dump datasets --all -p $p" >&2
      curl -sf "$URL/__reset" >/dev/null
      start=$(date +%s.%N)
      PATH=$VENV/bin:$PATH ckanapi dump datasets --all -p $p -r "$URL" -O "$TMP/ckanapi-$p.jsonl" -q >/dev/null 2>&1 || true
      t=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
      req=$(curl -sf "$URL/__stats" | python3 -c "import json,sys; print(json.load(sys.stdin)['requests'])")
      CKANAPI_X[$p]=$(awk -v a="$t" -v b="$ours" 'BEGIN { printf "%.1f×", (b > 0 ? a / b : 0) }')
      HARVEST_ROWS+=("| ckanapi 4.11 dump datasets --all -p $p | $(wc -l <"$TMP/ckanapi-$p.jsonl") | $req | $t | ${CKANAPI_X[$p]} |")
    done
  fi
  kill "$SERVER_PID"; SERVER_PID=
fi

# Harvest and DCAT against a real CKAN 2.11 (ckan-local) with ckanext-dcat: a section of its own, from
# scripts/bench-ckan.sh. Its failure must not lose the other figures: the doc then gets a one-line note.
CKAN_NOTE=
if [ "${SKIP_CKAN:-0}" != 1 ] && [ "$CKAN_N" != 0 ]; then
  echo "== real CKAN with $CKAN_N datasets (scripts/bench-ckan.sh)" >&2
  set +e
  CKAN_FIGURES=$TMP/ckan.kv scripts/bench-ckan.sh "$BIN" "$DATA" "$CKAN_N" 2>&1 >"$TMP/ckan.md" | tee "$TMP/ckan.err" >&2
  ckan_rc=${PIPESTATUS[0]}
  set -e
  if [ "$ckan_rc" != 0 ] || [ ! -s "$TMP/ckan.md" ]; then
    why=$(grep 'ERROR' "$TMP/ckan.err" | tail -1 | cut -c1-240 || true)
    [ -n "$why" ] || why=$(grep -v '^\s*$' "$TMP/ckan.err" | tail -1 | cut -c1-240 || true)
    CKAN_NOTE="Real-CKAN figures (scripts/bench-ckan.sh, $CKAN_N datasets) are missing: it exited $ckan_rc (${why:-no message})."
    rm -f "$TMP/ckan.md"
  fi
fi

# The serving section belongs to scripts/bench-serve.sh: kept as it is.
SERVE_SECTION=$(sed -n '/<!-- bench-serve:start/,/<!-- bench-serve:end -->/p' "$DOC" 2>/dev/null || true)
# The targets table and the history (docs/bench-history.tsv beside DOC, one line appended per run).
source scripts/bench-targets.sh
BENCH_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
HISTORY=${HISTORY:-$(dirname "$DOC")/bench-history.tsv}
history_append "$HISTORY"
mem=$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "# Performance"
  echo
  echo "<!-- Generated by scripts/bench.sh; regenerate, never hand-edit the numbers. -->"
  echo
  echo "Machine: $(nproc) cores ($cpu), $mem memory, $(uname -sr); $(swift --version 2>/dev/null | head -1)."
  echo "Date: $BENCH_DATE. Command: \`scripts/bench.sh ${SIZES[*]}\`."
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: figures are noisy)."
  echo
  targets_section
  echo
  echo "## Full pipeline: \`opendata run --offline\`, two \`ckan-dump\` sources"
  echo
  echo "Input from \`scripts/generate-dump.py N\` (real Berlin/Köln/GovData records scaled, 10 % cross-source"
  echo "duplicates, seed 42). Wall, CPU (user+sys) and peak RSS from \`/usr/bin/time -v\`; MB/s = input / wall."
  echo "Outputs on disk; before each run \`scripts/settle-fs.sh\`: ${SETTLED:-not run}."
  echo "Targets for 100 k: ≤ 10 s wall, ≤ 1 GB RSS, ≥ 100 MB/s."
  echo
  echo "| datasets in | input MB | datasets out | wall s | CPU s | peak RSS MiB | input MB/s | load (1/5/15 min) |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "## Maintainers' licence audit: \`opendata audit licences --format csv\`, same input"
  echo
  echo "The map and merge steps alone (\`Pipeline.merged\`: mapping, series, deduplication, licence audit, published"
  echo "view), licences.csv streamed to stdout; nothing else is rendered or written."
  echo
  echo "| datasets in | wall s | CPU s | peak RSS MiB | CSV MB | load (1/5/15 min) |"
  echo "|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${AUDIT_ROWS[@]}"
  echo
  if [ ${#NOWRITE_ROWS[@]} -gt 0 ]; then
    echo "## Without the file system: \`opendata-bench pipeline\`, same input"
    echo
    echo "What \`opendata run --offline\` does but write: the sources read, then \`Pipeline.run\` with every file handed"
    echo "on as the run streams it and counted instead of written (for sizes whose outputs do not fit on this disk)."
    echo "Wall, CPU and peak RSS from \`/usr/bin/time -v\`; read and pipeline as the program timed them; output GB"
    echo "= the bytes a run would write. Not the targets' figure, which is a whole run on disk."
    echo
    echo "| datasets in | input MB | datasets out | wall s | read s | pipeline s | CPU s | peak RSS MiB | files | output GB | load (1/5/15 min) |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    printf '%s\n' "${NOWRITE_ROWS[@]}"
    echo
  fi
  echo "## Stages (\`opendata-bench stages\`, seconds)"
  echo
  echo "read = dump files → records (JSON-lines slicing + validation); json = bulk JSON ingestion on one core: every"
  echo "record's bytes parsed into the tree the mapper reads (\`CKANPackage(json:)\`), in MB of records per second, the"
  echo "median of 7 rounds after warm-up rounds for 0.3 s, in brackets the slowest and fastest of the 7 (target ≥ 300 MB/s,"
  echo "issue 14); map = CKAN → DCAT-AP.de, parallel; graph ="
  echo "the reference graph (every triple, sorted; \`DCATGraph\`) and turtle … json-ld its serialisations, for the rdflib"
  echo "comparison below; rdf files = what a run does instead: the three catalogue files rendered per dataset"
  echo "(\`DCATDocument.catalogue\`, triples built inside); pipeline = \`Pipeline.run\` (map + dedup + licences + all"
  echo "exports and the site, each file handed on as the run streams it and counted instead of written)."
  echo
  echo "| datasets | read | json MB/s | map | dedup | graph | turtle | rdf/xml | json-ld | rdf files | pipeline | triples |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${STAGE_ROWS[@]}"
  echo
  echo "## Deduplication alone (\`opendata-bench dedup $DEDUP_N\`, \`DedupBenchmark\` synthetic data, 20 % copies)"
  echo
  echo "\`$DEDUP_LINE\` (load $DEDUP_LOAD). Target: ≤ 2 s for 100 k."
  if [ ${#RDF_ROWS[@]} -gt 0 ]; then
    echo
    echo "## DCAT serialisation vs rdflib $(python3 -c 'import rdflib; print(rdflib.__version__)') and pyoxigraph"
    echo
    if grep -q ox_version "$TMP/rdflib.txt"; then
      echo "$RDF_NOTE. pyoxigraph $(kv ox_version "$TMP/rdflib.txt") (Rust) serialises the $(kv ox_triples "$TMP/rdflib.txt") triples it parsed from the same file (parse $(kv ox_parse "$TMP/rdflib.txt") s, not included)."
    else
      echo "$RDF_NOTE. pyoxigraph is not installed (pip install pyoxigraph==0.5.13), so its columns are empty."
    fi
    echo "Ratio = their time / our time (higher: we are faster; target for Turtle against pyoxigraph: ≥ 1, issue 14)."
    echo
    echo "| format | ours s | rdflib s | ratio | pyoxigraph s | ratio |"
    echo "|---|---:|---:|---:|---:|---:|"
    printf '%s\n' "${RDF_ROWS[@]}"
  fi
  if [ ${#HARVEST_ROWS[@]} -gt 0 ]; then
    echo
    echo "## Harvest from a CKAN-compatible server with $LATENCY s latency per request"
    echo
    echo "\`scripts/fake-ckan.py\` serves the $HARVEST_N generated records (package_search, package_list, package_show)."
    echo "Our wall time includes mapping and exports; ckanapi only dumps. Ratio = their wall time / ours."
    echo
    echo "| client | datasets | requests | wall s | ratio |"
    echo "|---|---:|---:|---:|---:|"
    printf '%s\n' "${HARVEST_ROWS[@]}"
  fi
  if [ -s "$TMP/ckan.md" ]; then
    echo
    cat "$TMP/ckan.md"
  elif [ -n "$CKAN_NOTE" ]; then
    echo
    echo "$CKAN_NOTE"
  fi
  cat <<'NOTES'

## Design choices for speed

How a run is built for speed now, in the order data flows. The log below it records each change in the order it
was made, with what it measured at the time: its early entries (undated) describe designs that later entries
replaced, e.g. the three render steps ran side by side before they ran in turn, and text was kept as `String`
before the RDF serialisers wrote bytes.

- **Ingest: each record parsed once, from bytes.** A dump is split into records by its structure and the records
  are parsed in parallel, in order, by one strict JSON parser (`JSONParser`, 1-Ingest/JSON), which also reads API
  pages and the state store; no JSONSerialization or JSONDecoder on the bulk path.
- **Map and merge in parallel.** Records are mapped in parallel chunks; the deduplicator computes each record's
  features once, in parallel, and compares only records that share a blocking key.
- **One published view.** Each dataset's published facts (licence verdict, publisher, themes, IRIs, names, URLs,
  geometry) are derived once, after the licence audit; every output reads them.
- **Render in three steps, each on both cores.** The catalogue exports, then the audit files with the model and
  the server's index, then the site. Side by side they gained no time and held the working memory of two.
- **RDF per dataset, as bytes.** Chunks of 256 datasets are rendered in parallel straight to Turtle, RDF/XML and
  JSON-LD bytes (`DCATDocument`), four chunks at a time, written in catalogue order and let go; only the nodes
  datasets share (licences, file types, agents, places …) are kept, sorted and unique, and written once at the
  end. Each dataset's own `.ttl` and `.jsonld` are written from the same bytes. No list of every triple, no
  whole file in memory.
- **Everything else in pieces.** The CSVs, GeoJSON, catalog.model.json, server-index.bin, licences and quality
  files are written in pieces as their rows are rendered; the site's pages in parallel batches, index and facet
  pages 100 datasets each.
- **Findings as codes and arguments.** Sentences are rendered when written; findings.jsonl is streamed.
- **One streaming publisher.** Files go into the snapshot's staging folder as they are handed over (a writer
  thread; small files by the thread that hands them over); "unchanged?" is decided after writing, the file
  system is synced once (`syncfs`), then the folder is renamed into place.
- **The server maps the run's index.** `opendata serve` maps server-index.bin (package dicts as bytes, search
  values, postings) instead of decoding the model.
- **Text work on bytes where it is provably the same.** HTML and RDF escaping, CSV quoting, whitespace
  collapsing and the JSON parser's string scans work on UTF-8 bytes (the scans eight bytes at a time); tests
  compare each fast path with its character-wise reference.

### Log, in the order the work was done

- **Outputs are streamed.** `Pipeline.run(_:runTime:emit:)` hands every file to the writer as soon as it is
  complete, the three catalogue RDF files, the CSVs, the GeoJSON and server-index.bin in pieces as they are
  rendered (`opendata run` writes them into the staging folder at once and lets them go). Raw records are released
  once mapped. Before, every output of a run (for 100 k: ~2 GB of RDF text, ~1 GB of HTML) sat in memory until
  the end. `ExportFile` keeps text as the `String` the exporter built and writers read its UTF-8 storage
  directly (no second copy); "unchanged?" compares sizes first, then `memcmp` against the memory-mapped old file.
- **Independent stages run side by side.** After deduplication three branches run at once, each parallel
  inside: the catalogue exports (the RDF files per dataset, CSVs, GeoJSON in parallel), the licence,
  duplicate and model files, and every site page but harvest.html. The report and harvest.html come last.
  Dump files are parsed line by line in parallel (the order of records and findings is kept).
- **RDF rendered per dataset (2026-12-05).** The three catalogue files used to be serialised from one sorted
  list of every triple (5 M `String` triples at 100 k, sorted with string comparisons) into three whole-file
  strings; the sort only existed to merge the nodes datasets share (licences, file types, concepts). Now each
  document is the catalogue node, each dataset's own nodes in IRI order, then the shared nodes once
  (`DCATDocument`): chunks of 256 datasets are rendered in parallel straight to the three formats' text, and
  only the shared triples are kept and sorted. The same text is written into each dataset's own `.ttl`/`.jsonld`,
  which used to build the dataset's triples a second time. The files are handed to the writer in pieces as
  batches of 16 chunks are rendered (`ExportFile.continues`; the snapshot writer appends), so no RDF file is
  whole in memory. Same triples and the same bytes per block (the files are reordered only; tests parse all
  three formats back). Measured on this machine, output on tmpfs, before → after: 10 k datasets 22.7 → 15.6 s
  wall, 960 → 765 MB peak RSS; 100 k datasets 260 → 218 s, 6,525 → 5,144 MB; `opendata-bench stages` 10 k:
  pipeline 22.5 → 16.1 s. A first version that kept every chunk's text until the end was faster still at
  100 k but peaked at 8.7 GB.
- **No quadratic steps.** Each dataset page used to scan every duplicate group and every publisher; both are
  dictionary look-ups now. At 100 k that scan alone was 11 % of the run.
- **JSON written as bytes.** catalog.model.json is written by `JSONByteWriter` (the bytes JSONEncoder wrote,
  checked by a test on the demo and edge values) instead of `JSONEncoder`, which boxed the whole catalogue into
  a tree first. report.json keeps JSONEncoder for its small parts and writes its findings (500 000+ at 100 k)
  with the byte writer into the same layout. The licence section of report.json no longer repeats every row of
  licences.csv (each is also a `licence.*` finding): at 100 k that list alone was over 200 MB.
- **The site is rendered once**, each dataset's list item once (reused on the index and facet pages), pages in
  parallel.
- **JSON straight from bytes.** `JSONValue.parse` is a strict byte parser (`CKAN/JSONParser.swift`) instead of
  `JSONDecoder` decoding the enum by trying each type in turn. `JSONParserTests` compares both.
- **Byte-level fast paths with character-wise references.** HTML escaping, tag stripping and tidying, CSV
  quoting, whitespace collapsing and the `<time>` check work on UTF-8 bytes when that is provably the same
  (`TextFastPathTests` compares both paths on every demo string and 20 000+ random strings); escapers return
  the string untouched when no byte needs work.
- **Serialisers append into one buffer**, walking the sorted triples once; predicate, class and datatype names
  are formatted once per run. JSON-LD is written directly, not through a tree.
- **Memoised vocabulary look-ups** (theme folding) and **dedup features** computed once per record, in parallel.
- **Each harvested record is parsed once.** API pages and dump envelopes are sliced by structure (`JSONSlicer`)
  and only their small members decoded; before, JSONSerialization parsed every page whole and each record up to
  three more times (ids, paging anchor, collection) before the mapper parsed it again.
- **The server reads the model without JSONDecoder** (`Catalog(modelJSON:)`, a pull reader over the mapped
  file) and looks up each static path once per snapshot; cached API answers skip query decoding. Serving figures
  are in the section written by scripts/bench-serve.sh below.
- **Per request**, the Prometheus counter is looked up in a small table instead of the registry (which formatted
  name and labels each time) and the Host check reads bytes. Running requests on NIO's event loops (NIO's executor
  take-over) was tried and left out: beside the old binary in the same hour it gave no clear package_search gain
  (7,553–8,257 against 7,776–7,968 req/s without swaps), and under swaps `/catalog.ttl` p99 was higher (126 and
  133 ms against 97 ms without it), as expected when the first gzip of a new snapshot's catalogue runs on, and
  blocks, an event loop.
- **Search text folded scalar by scalar.** `SearchText.tokens` folds ASCII, umlauts, punctuation and Latin letters
  character by character and normalises whole texts (Foundation) only when marks or other scripts make that
  necessary (`TextFastPathTests` compares both paths). Building a snapshot's search index went from 31 % to 6 %
  of the load's perf samples.
- **Large snapshots load on both cores.** One pass over `catalog.model.json` finds where each dataset starts and
  ends (`ModelJSONSplit`: brackets, braces and strings only), then the datasets are read in parallel; the CKAN index
  renders each package dict with its search text and facet values in parallel, with each publisher's organisation
  (name-based UUIDs, SHA-1) derived once instead of twice per dataset; IRI paths are parsed in parallel.
  `opendata-bench load` on the 90,000-dataset output of a 100 k run, before → after: model 13.8 → 10.0 s, CKAN
  index 49.8 → 24.0 s, IRI paths 3.1 → 1.3 s, 66.7 → 35.3 s in all. Below `Catalog.parallelLoadMinimum` (2,048
  datasets) a snapshot still loads on the server's niced loader thread alone, so a swap of a small catalogue does
  not put worker threads beside the request threads. This is now the path of snapshots without
  server-index.bin (written before it existed); see "Snapshots served from an index the run writes".
- **Server memory after swaps, and a faster CKAN index (2026-12-05).** A swap of the demo snapshot every 5 s
  used to leave the server's RSS 17–24 MB above where it started (bench-serve: 71 MB before, 88 and 95 MB
  after 10 s in two runs, against the 20 % target): glibc showed about 26 MB in use but could not hand back
  pages where the new snapshot's small objects sat between the freed old ones. Two changes: the CKAN index
  renders each block of 64 package dicts straight into one buffer of its own (`CKANSearchIndex.entries`; a
  snapshot's packages are about a third of its memory, and there were one or more arrays per package), and the
  server fixes glibc's mmap threshold at 256 KB (`ServerLimits.configureHeap`), so those buffers, cached
  responses and gzip variants are mappings of their own that go back to the system when freed (left dynamic,
  glibc raises the threshold after the first large free and later buffers land in the heap). Same harness:
  69 MB before, 77 MB after (12 %), twice. A first try that copied all packages into *one* buffer after
  rendering held every package twice during a load (a 90,000-dataset snapshot was at 3.3 GB RSS when served,
  recorded run at 6603bd0); rendering into the block buffers avoids the copy. In the same change the CKAN writer copies strings in runs between
  escapes instead of byte by byte (it was 11 % of a load's perf samples), and NFC normalisation is skipped for
  text with no scalar from U+0300 up (`String.composedNFC`). `opendata-bench load` on the 90,000-dataset output,
  this machine, before → after: CKAN index 13.5 → 8.5–9.3 s; served after start 37.7 s (session 12's run) →
  13.9 s, RSS 2,636 → 2,421 MB (recorded run below).
- **Snapshots served from an index the run writes (2026-12-05).** Every run writes `server-index.bin` beside
  catalog.model.json (`6-Render/ServerIndex`): the CKAN API's package dicts, search, facet and sort values, facet
  totals and full-text postings, the IRI paths and each dataset's byte range in the model. `opendata serve` maps
  it and the model instead of reading the model and building the index at each swap; package dicts are served
  from the mapped file and a dataset is read from the model only when a request needs it. The run renders the
  index in chunks and hands it to the writer in pieces, like the RDF files. `opendata-bench load` on the
  90,000-dataset output of a 100 k run, this machine: 0.71–0.87 s (CPU 1.0–1.2 s) to map and read the index,
  against 12.1 s for the path without it (model 3.4 s, CKAN index 8.0 s, IRI paths 0.7 s). The server answered
  `/health` 0.87 s after start, at 1.29 GB RSS (2.4 GB before). The file is 913 MB for a 716 MB model; the
  100 k run took 194.6 s and peaked at 5,332 MB with it (218 s and 5,144 MB at 75911c0, same input, tmpfs,
  another hour). Left as it was: the first `/suche` request on a snapshot builds the site model from the whole
  catalogue (12.8 s and +2.9 GB RSS at 90,000 datasets, once per snapshot).
- **Tables in pieces (2026-12-05).** datasets.csv, distributions.csv, their Excel twins and datasets.geojson are
  handed to the writer in pieces too: the header, then each chunk of 1,024 rows, eight chunks rendered at a
  time in parallel (`TableStream`); each chunk's rows are built once for both CSV dialects (they were built
  twice, and each file was one string over a list of every row).
- **IRIs checked as bytes (2026-12-05).** Every IRI an export writes passes `ExportIRI.normalise`; its
  percent-encoder appended one `Character` per byte and its absolute-IRI check lower-cased and split
  substrings: together about 8 % of the samples in a perf profile of `opendata-bench stages` at 10 k. Both read
  UTF-8 bytes now, and an IRI that needs no change (nearly all) is returned without a copy (`IRIFastPathTests`
  compare them with character-wise references on every demo string and 30,000 random ones). `stages` at 10 k,
  CPU seconds of the whole command (perf stat task-clock, load about 3 from a CI run beside it), before →
  after: 38.7–41.3 → 35.8–36.5 s; the three RDF files 2.98–3.46 → 2.45–2.68 s.
- **Shared maps drawn once, numbers formatted without Foundation.** A dataset page's map depends only on its
  geometry and area, so each distinct one is drawn once per run (every dataset of a municipality shares its
  outline). `ExportNumber.format` looked for an exponent with `String.contains`, which with Foundation imported is a
  locale-aware `range(of:)`: in perf samples of a 100 k run's site stage, that was 20 % and the maps 24 %.
- **Audit files in pieces, findings sorted once (2026-12-05).** quality.csv (one row per dataset and indicator,
  about 6 KB per dataset), licences.csv and findings.jsonl were each built as one string or byte array; they go
  through `TableStream` now like the tables (chunks of rows rendered in parallel, handed over as they are done).
  The licence audit builds each dataset's rows in parallel, and the run sorts its findings once, both halves at a
  time (the audit's findings were sorted, then everything again). A 100 k run with timing probes (not committed),
  before → after: the checks after rendering (quality scores, quality.csv, history, check pages) 23.6 → 15.6 s,
  findings.jsonl 3.3 → 1.2 s, peak RSS 5,264 → 4,203 MB.
- **Where a 100 k run spends its time** (the same probes, 2026-12-05): reading the dumps 2.6 s, mapping 12.9 s,
  merging 13.5 s (licence audit 7.0, published view 4.9, dedup 1.3), rendering 118 s (the catalogue exports
  with each dataset's RDF files, the site and the audit files side by side; 239–254 s in the runs below), checks
  15.6 s, report 6.8 s. RSS after mapping 1.1 GB, after merging 2.0 GB, during rendering 2.9–3.6 GB.
- **The file system is part of the figure.** The machine's ext4 has no journal; for a while after a large
  output folder is deleted, creating files is slow (the kernel skips recently deleted inodes one by one:
  `find_inode_bit`/`recently_deleted` in a perf profile). A 10 k run spent 1.7 s writing its 37,700 files into a
  quiet file system and 14.6 s (CPU time of the writes, nearly all of it creating files) right after the
  previous output was deleted; 100 k runs after deleting a 370,000-file folder took 305–330 s with 155–174 s
  system time (187 s and 51 s otherwise).
  `bench.sh` writes into fresh folders and deletes nothing before it measures. The table above (15:00Z) started
  about 25 minutes after the last large deletion here (the 14:19Z run's own outputs, about 12 GB, deleted at its
  end); the 14:19Z run about 20 minutes after one (14 GB of 10 k outputs); the 12:36Z run was measured while a
  build folder was being deleted (1 k: 3.13 s, 100 k: 186.0 s), the 11:29Z run on a quiet file system (1.83 s
  and 177.6 s). The 1 k run, with the least work per file created, moves most (2.76 s above, 1.85 s at 14:19Z).
- **Fewer Foundation round trips, files written side by side, compact licence notes (2026-12-05, 14:19Z and
  15:00Z runs).**
  The JSON parser scans strings eight bytes at a time (one 64-bit load, exact bit tests for a quote, a
  backslash or a control byte); trimming (80 call sites), the site's file-id test (a regular expression per
  call) and NFC checks of text with German punctuation no longer go through NSString; the pipeline's worker
  threads write their files at the same time (the emitter and the snapshot writer held one lock around every
  open/write/close); the licence audit's per-distribution notes (`licence.inherited`,
  `licence.attribution-missing`: 372,510 of 624,908 findings at 100 k; since the 15:00Z run also the mapper's
  `licence.versionAssumed`, 86,114) keep their arguments and render their sentences when written
  (`FindingTemplate`). Figures, each before → after: bulk JSON at 10 k (`opendata-bench json`, 5 rounds)
  215–217 → 234–241 MB/s; trimming was 2.9 % of a 10 k run's perf samples; the whole run, the 11:29Z run
  (undisturbed, same input) → 14:19Z / 15:00Z: 10 k 16.2 → 15.5 / 14.3 s and 676 → 644 / 579 MB, 100 k
  177.6 → 147.1 / 140.5 s and 4,146 → 3,691 / 3,762 MB. No run measured the changes one by one at 100 k.

- **JSON objects without hashing, render batches bounded (2026-12-05, the 16:37Z run, code at c6a1b72).** A JSON object is a
  `JSONObject`: its members in document order, no `Dictionary` (hashing every key on insert and look-up was
  about a fifth of the parse); duplicate keys are found by a 64-bit filter over the raw key bytes; CKAN member
  names over 15 bytes are read as string literals (`KnownJSONKeys`: no allocation); whole numbers skip
  `Double(String)`. heaptrack on a 10 k run put about 200 MB of the 451 MB heap peak in render batches: every
  page of 256 facet values rendered at once (that grows with the catalogue), 4,096 datasets of RDF text and of
  dataset pages. Lists are now page jobs, 128 at a time (`SiteRenderer.streamPages`), dataset pages and RDF
  files 1,024 datasets at a time, and catalog.model.json is written in chunks with each dataset's byte range
  taken as it is written (it was one 700 MB array at 100 k). Figures, before → after: bulk JSON at 10 k, three
  alternating runs against the previous build, 236–241 → 327–331 MB/s (the mapping stage unchanged,
  0.96–1.10 s both); peak RSS at 10 k 607–625 → 421–426 MB (two runs each), at 100 k 3,691 → 2,944 MB (one run
  each, outside the bench); in the tables, the 15:00Z run → this one: 579 → 426 MB and 3,762 → 2,968 MB. Wall
  time did not move beyond noise (user CPU equal at 10 k); this run's 100 k (159.0 s) started about 12 minutes
  after an 11 GB output folder was deleted here.
- **Datasets shared instead of copied, indexes built in chunks (2026-12-05, the 19:39Z run, code at 2aa107a).** heaptrack
  showed whole copies of every dataset: `Dataset` was a ~1.5 KB struct, copied inline into each array and entry
  the stages hand each other (mapped, merged, sorted per export, site and quality entries), with a retain per
  field. It is now a copy-on-write value (`Model/Dataset.swift`: the fields in one heap box, read and written
  through `dynamicMember`), and the published view writes each dataset's facts in place (the mapped and
  deduplicated lists let go of them first; before, each dataset was copied once more there). Quality results
  hold their indicator's index (16 bytes, not the indicator's texts: 1.8 KB a dataset). The site's search index
  is built 4,096 documents at a time (every document's term counts at once were 332 MB of a 100 k run's
  1.94 GB heap peak); server-index.bin and quality.csv are rendered in batches of about 1,024 datasets or lines
  like the other files; `opendata run` limits glibc to two malloc arenas (`ProcessHeap`; user CPU 1–10 %
  higher in alternating 10 k runs, wall time within noise). Peak RSS, before →
  after, tmpfs output, runs outside the bench: 10 k 395–419 → 260–267 MB (alternating runs per step); 100 k
  2,968 MB in the 16:37Z table, then one run per step: 2,451 MB (the box and the quality results), 2,264 (the
  view in place, server-index batches), 1,903 (search index in chunks), 1,803 MB (two arenas). 100 k wall time
  went from 141.6 s (the first of those runs) to 126–128 s; at 10 k the steps were within noise of each other
  (10.1–11.0 s). In the tables, the 16:37Z run → this one (output on disk): 10 k 426 → 315 MB, 100 k 2,968 →
  2,047 MB and 159.0 → 140.5 s. All outputs byte-identical but for the run's timings (10 k runs compared file by
  file; golden files unchanged).
- **Both cores through the whole render, geometries derived once (2026-12-05, session 21).** A perf timeline
  of a 10 k run (samples per thread, half-second buckets) showed 2.5 s of 9.6 s with one thread busy: every
  parallel map inside a render branch (dataset pages, list pages, RDF chunks, table chunks) went through
  `DispatchQueue.concurrentPerform`, and libdispatch runs an apply nested in another on its caller's thread
  alone, so once the other branches were done the second core idled. `ParallelMap` now shares each map's
  chunks between the calling thread and a helper per other processor on the global queue (helpers reach the
  work only until the caller is done: no closure outlives its map). The published geometry is derived once in
  the forms the outputs write (`PublishedShape`: compact GeoJSON and WKT), one instance per area for every
  dataset whose geometry is that area's outline (5,459 of 9,000 datasets at 10 k carry Berlin's); the RDF and
  datasets.geojson parsed and re-serialised the 2 KB outline per dataset before. Smaller steps: the licence
  to-do list derived once (it was derived four times a run, copying every row), CSV lines written cell by cell,
  JSON and Turtle escaping over byte runs, three NSString round trips per record off the mapping path, the
  change feed's fingerprints in parallel, the kept inputs copied without a per-byte closure, findings compared
  without rendering their messages first, the run ending without freeing its catalogue value by value.
  Measured on tmpfs outside the bench, before → after: 10 k 11.0 s (18.5 s user CPU) → 8.3–8.9 s
  (13.1–14.0 s), peak RSS 316 → 298–320 MB; 1 k 1.28–1.32 → 1.09–1.10 s (user CPU 1.9 → 1.4 s); 100 k
  112.3 s after the geometry and to-do steps → 104.4–106.3 s at the end; peak RSS 1,981–2,014 MB, no
  measurable change (one run each). Outputs byte-identical to the session's starting
  build but for the run's timings (10 k runs compared file by file after each step). Tried and left out:
  rendering the next batch while the previous one is written (`inBatches` pipelined): 104.4 s at 100 k against
  104.8 s without, +10 MB at 10 k.
- **The largest buffers of the heap peak let go (2026-12-06, session 22).** heaptrack at 100 k (peak of the
  heap, by allocating function) put the peak where the per-publisher to-do files were made: all of them at
  once, from a copy of every audit row grouped by publisher and one audit per publisher (425 MB of a 1.73 GB
  heap peak). They are now written one at a time from the run's to-do list (which also fixed that list: it
  was made before duplicate conflicts and the published view's publishers were applied to the rows). heaptrack
  again: 1.67 GB, the peak now while the RDF files' shared nodes were written as one string per format
  (139 MB; now in pieces of whole blocks) beside the search index's occurrence and posting lists (155 MB; each
  term's now let go as the next form is made). A licence value is resolved once per run and source, so its
  reason text is shared by every dataset and distribution naming it. On the CPU side, the RDF files' shared
  triples were merged into one growing list per chunk (6 % of a 100 k run's CPU, serial; now merged pairwise
  like a binary counter). Measured on tmpfs outside the bench, one run each: 100 k 98.4 s (151.5 s user CPU)
  → 95.9 s (141.1 s) for the merge; peak RSS A/B 1,947 → 1,895 MB (licence texts, RDF closing in pieces) and
  1,888 → 1,854 MB (search index). Wall times at 100 k varied from 96 to 141 s for the same binary during the
  session (system time 42–75 s writing 13 GB into tmpfs), so the A/B wall figures are not comparable. Outputs
  byte-identical but for the run's timings (10 k runs compared file by file after each step). Tried and left
  out: the quality scores and quality.csv as a fourth render branch beside the site (10 k 8.8–9.2 s against
  8.7–8.9 s; 100 k 117 s against 122 s, inside the noise).
- **No second list of every row or finding (2026-12-06, session 23).** heaptrack at 100 k (peak heap, by
  allocating function) at f4bdb60: 1.59 GB, the peak while licences.html and its group pages were rendered, all
  of them into one array (286 MB), beside the to-do list's copies of the audit rows (98 MB) and its groups'
  copies (84 MB). Those pages are now handed on one at a time, the to-do list holds the audit's rows by index
  (`LicenceToDoList`), its groups are slices. heaptrack again: 1.54 GB, the peak in the site, while its search
  index (173 MB, occurrences now 8 bytes instead of 12) and its list items (121 MB) were both alive; the index
  is now made first. The next peak was at the end: the licence counts filtered copies of the rows (84 + 126
  MB), the run's findings were sorted into a copy and then grew by doubling, report.json copied the warnings,
  and harvest.html grouped and sorted copies of every finding (~625 k at 100 k). Each now reads in place
  (findings sorted in place, room reserved before rendering). Peak RSS at 100 k on tmpfs: 1,860 MB at
  f4bdb60 (`/usr/bin/time`); RSS sampled every 0.5 s after the last step: 1,677 MB, the plateau while rendering
  (1.66 GB from about 60 s on), where before the last 2 s of the run added 95–157 MB to it (three sampled runs). glibc's
  `MALLOC_ARENA_MAX=2` (1,824 against 1,797 MB) and `MALLOC_MMAP_THRESHOLD_=1048576` (1,717 against 1,749
  MB) were tried as environment settings (one sampled run each) and left out. Outputs byte-identical to f4bdb60's but for the run's
  timings (10 k runs compared file by file).
  After the bench run, the audit's distribution field names (`resources[N].license` …) became one shared string
  per name instead of one per audit row and finding (~570,000 at 100 k): one sampled 100 k run each, 1,713 →
  1,652 MB (the same binary sampled 1,677 and 1,713 MB in two runs, so about ±35 MB is noise).
- **The output's size is a floor; less held at the peak (2026-12-06, session 24).** A 100 k run writes 10.5 GB
  in 370,339 files (tmpfs, code at f42003b): the dataset folder 3.9 GB (a page, its package JSON, Turtle and
  JSON-LD per dataset), catalog.jsonld/.rdf/.ttl 2.0 GB, server-index.bin 0.8 GB, the search pages 0.6 GB,
  quality.csv 0.6 GB, the model 0.6 GB, findings.jsonl 0.4 GB. Writing 12.6 GB with `dd` took 19–38 s here
  into tmpfs (18.7–36.6 s of system time) and 22.8 s into the disk's page cache (56.6 s with `fdatasync`), so
  at 100 k the kernel's copying of the bytes alone costs about as much as the 10 s target on both cores; in a
  perf profile of a 100 k run (tmpfs) `copy_folio_from_iter_atomic` was 24 % of the samples. heaptrack at 100
  k (peak heap, by allocating function): 1.36 GB in the first run, while server-index.bin's tail (the
  full-text postings, about 100 MB, written into one growing buffer) was made; it is now handed on in 1 MB
  pieces. 1.35 GB next, with the licence to-do list's attribution items (86 MB, one per dataset lacking
  attribution texts, built once and kept); they are now kept as the rows they are made of and built when read.
  1.30 GB next, with feeds/stand.tsv (a string per dataset and their join, about 100 MB); now one buffer of the
  file's exact size. RSS sampled every 0.5 s at 100 k on tmpfs, one run each: 1,609 MB at the start
  (`/usr/bin/time` of a perf run), 1,561 MB with the postings in pieces, 1,486 MB with the to-do items built
  when read; without malloc_trim the peak was in the run's last seconds (1,488 and 1,495 MB in two more runs),
  with it (between the run's steps, from the CLI) the end drops to 1,324 MB and the peak is the rendering
  plateau (1,475 MB). CPU: the site's title order lower-cases each title once instead of twice per comparison,
  and the byte fast-path tests of the exports scan contiguous UTF-8 (3.3× in a micro-benchmark). Tried and left
  out: one full-text index for server-index.bin and the site (renumbered to the site's order; outputs
  identical), which then lived through the whole rendering (100 k RSS 1,561 → 1,574 MB); one index build at a
  time (a lock; 1,495 MB). Outputs byte-identical but for the run's timings (10 k runs compared file by file
  after each step).
- **Shared parts and fewer whole lists (2026-12-06, session 25).** heaptrack at 100 k (peak heap, by
  allocating function), one run per step, the run's own output on tmpfs or disk: 1.28 GB at 8ee6a52, the peak
  while the per-publisher to-do files were written (one publisher's file whole, with its cells and lines: ~230
  MB); they are now handed on in pieces like licences.csv (4d1706b). 1.26 GB next, in server-index.bin's
  full-text index: the occurrences and a second dictionary of every term's weighted list (133 MB together);
  a term's weighted list is now made when it is scored (2e514e5). 1.22 GB next (with the audit's fix texts
  shared, 61ea3e3), in the site: its list items (121 MB) lived through the dataset pages, which list none; now
  let go before them (6fb31d2). 1.16 GB with the audit rows' dataset part shared by a dataset's rows (58997f9:
  the rows 91.5 → 67 MB), 1.11 GB with licences in shared boxes and published services boxed (4ed5d65). A last
  heaptrack (2ca7f7e; its run was cut short near the end when its output folder was removed by mistake) had
  1.10 GB, the list items 121 → 76 MB (copied into storage of their size, 4da583c), the site model 52 → 20 MB
  (facet keys as a struct of shared lists, a5b4b34), the dataset boxes 134 → 117 MB (creator, maintainer and
  originator boxed, 2ca7f7e). RSS sampled every 0.5 s at 100 k on tmpfs, one run each: 1,508 and 1,532 MB at
  8ee6a52 and 4d1706b, 1,425 MB at 6fb31d2, 1,447 MB at 4ed5d65 (its plateau 1,399 MB); the bench run above
  1,252 MB. Tried and left out (one sampled run each, inside the noise): glibc's `mmap_threshold=262144`
  (1,479 MB) and `arena_max=2` (1,510 MB) as `GLIBC_TUNABLES`. Outputs byte-identical but for the run's timings
  (10 k runs compared file by file after each step).
- **Render steps in turn, pages streamed, verdicts shared, dates packed (2026-12-06, session 26).**
  heaptrack at 100 k (peak heap): 1.08 GB at f212054, the peak in the site's area pages (gebiet/…: every
  page of every area rendered into one list, 105 MB); they now go to the writer in batches like the facet pages.
  1.04 GB next (with the render steps in turn), in the quality pages (qualitaet/…, 57 MB as one list), now
  batched too (4bf6107). The three render steps (exports; audit, model and server index; site) ran side by
  side, each already parallel inside: one after another they use both cores as before and hold one step's
  working memory, not two. Peak RSS (/usr/bin/time, MiB as in the table, runs on tmpfs at 100 k): 1,245 and
  1,273 side by side, 1,177 and 1,188 in turn; 10 k wall three runs each: 10.9-12.4 s side by side, 10.5-12.4 s
  in turn. The licence audit's rows share their verdict (licence strings, status, reason, fix) with equal rows
  (87a7b8f): 1,137 and 1,129 MiB (two runs). Dates with time are packed into two words instead of a String
  each (93db0d6; 41 MB at the heap peak): 1,096 MiB (one run). An RSS timeline (0.5 s samples, 100 k, before
  87a7b8f) shows what is left: the merged model, its findings and the audit reach 1,020-1,120 MiB before
  rendering starts, and rendering adds at most ~130 MiB on top; the 1 GB target needs the model itself smaller
  (IRIs and findings as compact values, not Strings). Tried and left out: `malloc_trim` between the render steps (1,141
  against 1,129 MiB, noise); other allocators by `LD_PRELOAD`, one run each under load: jemalloc 1,138 MiB and
  less CPU (133 against 156 s user), mimalloc 1,143, tcmalloc 1,230, glibc 1,170: jemalloc's ~30 MiB would cost
  a system library in the build. Outputs byte-identical but for the run's timings (10 k, file by file).
- **Findings and URLs compact, rare fields boxed (2026-12-06, session 27).** heaptrack at 100 k (peak heap
  972.6 MB at b54dc62): the findings list 72 MB (624,908 findings of 112 bytes), the mapper's distribution
  strings 121 MB (IRIs interpolated with room to spare, URLs copied character by character even when nothing
  needed encoding). A finding is now 64 bytes (ef506c3): severity, code, source and field in one interned head
  box, text sentences in a box, a two-argument template's arguments inline instead of an array. URLs and IRI
  segments that need no encoding come back as the text itself, and minted IRIs are joined at their exact
  length (0aacecb). heaptrack peak heap after both: 876.8 MB. Rare dataset and distribution fields in boxes
  of their own (dbfa218: Distribution 328 -> 272 bytes, Dataset.Fields 1,112 -> 1,056). A run fixes glibc's
  mmap threshold at 256 KiB (a668021), so later large render buffers do not come from the fragmented heap.
  Peak RSS (/usr/bin/time KB, 100 k on tmpfs, one run each, alternating with the step before): 1,141,364 at
  b54dc62; 1,047,360 with the findings; 1,010,308 and 1,012,752 with the URLs; 1,007,064 with the rare fields
  boxed; 987,484 with the threshold (988,144-990,240 setting it as `GLIBC_TUNABLES`; arena_max=1 instead:
  996,068). In MiB: 1,115 -> 964. (The first figures in ef506c3's message, 1,120,556 -> 1,024,424 KB, came from
  runs while a 13 GB output filled tmpfs and the kernel reclaimed pages; the figures here were measured
  after.) Outputs byte-identical but for the run's timings (10 k and the demo, file by file, after each step).
- **The critical thread stops writing (2026-12-06, session 28).** Sampling CPU once a second at 100 k showed
  both cores busy only while mapping; from the exports on, 1.5-1.6. A perf profile with timestamps, split by
  thread: the calling thread, which joins each batch's pieces in order (catalogue files, CSVs, model, server
  index, reports), was busy for the whole run (104 of 107 s), and a quarter of its samples were the kernel
  copying files it wrote itself (writing is 16 % of all samples at 100 k); the worker waited meanwhile.
  SnapshotWriter got a writer thread (1a3c103, `FileWriteQueue`, bounded at 32 MB) for later pieces and whole
  files from 256 KiB: 100 k on tmpfs, alternating, 97.9 and 99.5 s against 107.0 and 106.3 s, peak RSS
  993,076 and 994,356 KB against 990,380 and 986,428 KB (queuing the small files too held about 65 MB more
  during the site step). The site step still had one thread write every dataset page (40 % of its samples
  there): each render thread now hands on its own pages (9dd76ec): 98.2 and 96.8 s against 102.5 and 99.9 s.
  catalog.model.json's chunks rendered in parallel and a memcmp sort of the server index's IRI paths (9b78fe3,
  2.0 s and 1.1 s of that thread in the profile): 96.2 and 96.3 s against 96.7 and 102.6 s, within the noise.
  Outputs byte-identical but for the run's timings (10 k and the demo, file by file). What stays serial:
  mapping's and the merge's single-threaded parts (0-16 s at 1.5-1.8 cores), the licence audit's and quality
  pages' tables, sorting the findings and the report at the end (the last seconds at one core or less).
- **Work done twice, done once (2026-12-06, session 29).** A perf profile of 10 k and 100 k runs by step:
  each dataset's package dict was rendered twice, for the server index and again by the site for
  `datensatz/<slug>.json` (about 6 CPU s at 100 k); the server index now hands that file over from its own
  bytes (433df72). Each dataset's `.ttl` and `.jsonld` sorted and serialised the catalogue's own nodes (its
  publisher, the concept schemes) again for every dataset; they are rendered once per run and merged by subject
  (1b1a8a3: `DCATDocument.Chunk.init` 2,478 -> 2,154 samples at 10 k). The mapping replaced CR LF, CR and NBSP
  with three Foundation `replacingOccurrences` (an NSString round trip each) whenever a value had a CR or a 0xA0
  byte; it does it on the bytes now, and `SiteHTML.href` looks each byte up in a table (770ac07:
  `CKANMapper.map` 1,266 -> 1,044 samples, `href` 143 -> 61). The licence audit's group pages ran on one core
  for two seconds at 100 k; they are rendered in parallel (db64eea). The quality scores (23 results a dataset,
  about 600 bytes by their layout, not measured) were kept to the end of the run, whose report step is its memory peak; the report keeps only its
  section (a9ca165). 100 k on tmpfs, alternating: 88.8 and 88.8 s against 99.7 and 96.8 s before the session
  (CPU 151 s against 167 s), peak RSS 997,628 and 1,007,768 KB before a9ca165, 979,152 and 974,548 KB after
  (1,002,028 KB in between). Outputs byte-identical but for the run's timings (10 k and the demo, file by file,
  after each step).
- **Text and escapes on bytes (2026-12-06, session 30).** A perf profile of a 100 k run had no hot loop left
  but many text functions that walked Characters or scalars, or called Foundation, for text that is almost
  always ASCII or plain UTF-8. Each now has a byte path that a test compares with the old path, which stays as
  the definition for everything else (each test fails on a mutated byte path): CSV rows written into one byte
  buffer, a plain cell checked and copied in one pass (4185064: `appendQuoted`, `rowsText` and `sanitise`
  had 3.2 % of the samples at 10 k in their own code, their byte versions 1.0 %); CKAN dates parsed as bytes when ASCII (4185064);
  a site snippet collapsed only as far as it is shown (432cddc); a plain URL's path and whether it may be linked
  read from its bytes instead of `URLComponents` (8fc2a06), whitespace collapsed on bytes and a file name's last
  segment found on bytes (ae556f4); with the steps before them, against bae6cb4: `SiteDatasetPage.render` 1,829 -> 1,183 samples at 10 k (`fileName`
  240 -> 59, `snippet` 205 -> 83, `isLinkable` 192 -> 24); the findings sorted without copying two findings per
  comparison (70ba07d: 206 -> 135); the CKAN index's search text lowercased from a table (74f1e26:
  `String.lowercased()` 297 -> 48; `CKANSearchIndex.entry`, which also escapes JSON, 1,109 -> 736 with 5034241); JSON strings escaped eight bytes at a
  time (5034241: 642 -> 574). But for the CSV shares, the counts are perf samples at 999 Hz of one 10 k run each (16,064 at bae6cb4,
  15,318 at ae556f4, 14,747 at 5034241 in all), counted in every stack that contains the function.
  100 k on tmpfs, back to back: at ae556f4 86.0 s (CPU 143.2 s) against 94.8 s (CPU 160.1 s) at bae6cb4; at
  5034241 99.8 s (CPU 165.0 s) against 108.7 s (CPU 182.8 s) for bae6cb4 in a slower hour; peak RSS
  970,056 and 973,324 KB against 975,700 and 969,360 KB. Tried and dropped: reading a dataset's fields and
  published facts in place (`_read` accessors) cut the facts' copies (370 -> 313 samples) but not the CPU time
  (task-clock at 10 k 14.3 and 16.6 s against 13.6 and 14.2 s). Outputs byte-identical but for the run's
  timings (10 k and the demo, file by file, after each step).
- **Waiting, one-core loops and work done twice (2026-12-07, session 31).** A 100 k run recorded with
  `perf record -e sched:sched_switch` showed the licence audit's two threads waiting for each other: about
  20,000 context switches while it ran, on `MemoCache`'s one lock, held while a verdict (several strings) was
  hashed. The cache now has 16 stripes, each under its own lock, and hashes a key before any lock is taken
  (8601003): 59 context switches; in perf-sampled 100 k runs, one each, `LicenceAudit.init` took 2.75 s
  instead of 5.16 s of wall time (391 and 358 samples: the same work) and the merge step 7.26 s instead of
  13.10 s. Setup, the start of every run: the official boundaries were parsed, written back to JSON text and
  parsed again with every coordinate formatted and read back; they are read once, the three files at once and
  the licence table beside them (1775f85): `opendata audit licences --source nosuch` (process start and setup)
  106 ms against 237 ms, means of 40 runs each. Reading dumps: `RecordRepair` copied each record out of the
  file and made a field path string for every string value; it scans the record in place, passes over plain
  ASCII in one loop and makes a path only for a finding (5a2f987): `opendata-bench json CONFIG 0` at 100 k
  (setup and reading 350 MB) 1.71-1.72 s against 2.46-2.97 s, user CPU 1.6 s against 3.0-3.3 s, three
  alternating runs each. Work done twice: the change feeds serialised every dataset again for its fingerprint;
  they take it from the writing of catalog.model.json (7199740: `ChangeFeed.files` 229 -> 50 samples at
  10 k, `modelJSON` 278 -> 326). Loops on one core at 100 k: the published view's licence verdicts, looked up
  by their shared box instead of hashed (e860ef7: 0.36 -> 0.08 s), report.json's findings (0a0a688, about a
  second) and the site's search files (4bfebda, about half a second each for the term and the list-item
  files), now rendered in parallel pieces written in order; CKAN tag names of ASCII keywords made on their
  bytes (b6e80b1: 130 -> 59 samples at 10 k). Perf sample counts of the same code vary by up to half between
  runs on this machine (`DCATDocument.catalogue` 3,792 and 2,410 samples in two 100 k runs of the same RDF
  code), so the figures above compare spans and counts within the steps changed. 100 k on tmpfs, alternating: 96.4 and 84.7 s (CPU 161.2 and 141.4 s) against 101.6
  and 96.6 s (CPU 167.6 and 155.1 s) at fdaf0bb, the head before the session; peak RSS 979,676 and 975,692 KB
  against 972,152 and 981,660 KB. Outputs
  byte-identical but for the run's timings (10 k and the demo, file by file, after each step). Seen and left:
  while the deduplicator frees its raw features on another thread, the two malloc arenas of a run
  (`ProcessHeap.runArenas`) are contended (about 5,600 context switches in two seconds at 100 k); and
  `SiteModel.init`, the quality groups, the report's sections (through `JSONEncoder`) and the sort of the change
  feeds' state still run on one core for 0.2-0.8 s each at 100 k.
- **The JSON parser's escapes and stacks, the facts in one box (2026-12-07, session 32).** perf on
  `opendata-bench json` at 10 k: a string with escapes (most descriptions of the generated records: `\n`,
  `\"`) was rebuilt byte by byte with an `Array.append` each, about a quarter of `JSONParser.string`'s samples;
  the plain runs between escapes are now copied whole, found by the same eight-byte scan as the fast path
  (6ef969b). The members of the objects being read sat in a reused `Array` that had to be refilled with
  placeholders and shrunk after each object was moved out (`Array.replaceSubrange`, 4 % of the parse);
  members and array items are now collected on `JSONStack`s (a `ManagedBuffer`) that hand each object or
  array over at its final size. `opendata-bench json` at 10 k, 15 rounds per run, three alternating runs:
  best round 312-323 MB/s before, 376-393 after (medians 258-308 and 349-386). Tried and dropped: known short
  keys looked up in a hash table instead of made as inline strings (the look-up cost what it saved: best
  rounds 346-353 against 351-353), the scan's index kept in a local variable (364-387 against 369-387) and a
  16-byte `SIMD16` scan (31-34 MB/s as compiled here, ten times slower). The bench now parses for 0.3 s to
  warm up and then takes the median of seven rounds (was five, no warm-up), with the slowest and fastest round
  beside it: the first rounds of a process can run slower (the bench run of 05:39Z, with one warm-up round,
  printed 217 at 1 k, all seven 16 ms rounds at 214-226, and 389 at 10 k; in two later runs of
  `opendata-bench json` at 1 k, 30 rounds each in order, the first round was the slowest, 333 and 374 against
  339-394 for the rest; why the start is slower is not established).
  `PublishedFacts` keeps its fields in one copy-on-write box (797da36): in a 10 k run under perf, samples
  under `Dataset.facts` 1.42 % -> 0.02 %; wall time within this machine's noise (100 k on tmpfs, two
  alternating pairs: 103.4 s before and 82.7 s after, then 73.9 s after and 73.2 s before; peak RSS 974-980 MB
  in all four). Outputs byte-identical (10 k and the demo, file by file).
- **The maintainers' audit runs only what it shows; quality groups summed once (2026-12-07, session 33).**
  `opendata audit licences` ran the whole pipeline and kept every output file in memory (`Pipeline.run`
  collecting), only to print the licence audit; it now runs the map and merge steps alone (`Pipeline.merged`,
  aa4cbed) and streams `--format csv` to stdout in pieces. Two alternating runs each, quiet machine: 1 k
  0.86-0.87 s and 229 MB → 0.21-0.22 s and 61 MB; 10 k 14.94-15.26 s and 1,642-1,647 MB → 1.42-1.55 s and
  138-139 MB; 100 k now 15.10 s and 947 MB (before not run at 100 k: every output of a 100 k run in memory,
  about 10 GB). The CSV at 10 k and the demo's CSV, table, JSON and per-publisher files are byte-identical to
  before; the demo's CSV is the published licences.csv (golden file), now tested through the command. The
  audit has its own table above. The stage table's `pipeline` figure collected every file in memory the same
  way and was slower than a whole run on disk; it now streams the files as a run does and counts them (10 k:
  13.8 s → 5.3 s, the same 37,713 files). perf at 100 k then showed one-core stretches in the quality pages
  (each read of a publisher group summed all its entries' results again, and the index sorted the publishers
  by a mean recomputed per comparison) and in the licence to-do list's sort (two whole audit rows copied per
  comparison): a group now sums itself up once when the report is made, and the sort reads the rows in
  place (448b9b5, 3f0abc5). The audit also wrote the same German fix again for every row with the same
  licence; each source's fixer now keeps the fixes it writes (2e06032, ac9e85b). perf samples at 100 k (99 Hz,
  one run each on a quiet machine, session 32's build against ac9e85b; 12,140 and 11,750 samples in all):
  `SiteQualityPages.pages` 192 → 64, the quality groups 66 → 10, the to-do list 132 → 112, `LicenceFixer` 125 →
  19 (`versionFix` 96 → 0), `LicenceAudit.init` 346 → 244 (the figures 227 → 74, 85 → 12 and 152 → 101 in
  3f0abc5's message came from profiles taken while other work ran). The whole run, one alternating pair on
  tmpfs, 70.43 → 69.54 s (within noise). The audit at 100 k, two alternating runs, before the kept fixes
  15.24-15.43 s (user CPU 23.6-24.1 s), after 14.50-14.86 s (22.4-22.7 s).
  Outputs byte-identical (demo and 10 k, file by file). Tried and left out: jemalloc by `LD_PRELOAD` (10 k on
  tmpfs, three alternating pairs: 5.94-6.10 s and 211-228 MB against glibc's 6.37-6.48 s and 176-179 MB; 100 k,
  one pair: 74.71 s and 999 MB against 72.65 s and 979 MB, no gain where the target is). The empty
  `/tmp/TemporaryDirectory.*` folders noted before are SwiftPM's (a `swift build` of an unchanged tree made six),
  not the product's.
- **Timed runs start on a settled file system (2026-12-07, session 34).** This machine's root file system is ext4
  without a journal (`/sys/fs/ext4/vda/journal_task` is `<none>`). There ext4 does not reuse an inode deleted
  within the last minute (six while its inode table block is not yet written back) as long as that block is
  cached, so each file created shortly after an `rm -rf` of many files scans past all of them. bench.sh deleted
  each size's output right before the next size's run. perf of a 1 k run right after deleting a 1 k output: 37 %
  of the samples in the inode search (`recently_deleted`, `find_get_block_common`, `find_inode_bit`) under
  `ext4_create`, 25 % spinning for the output folder's lock (`rwsem_spin_on_owner` under `path_openat`: the other
  thread creating files meanwhile). Plain runs on disk, one after the other: 1 k right after deleting the
  previous output 3.64 and 2.18 s (system time 4.68 and 2.26 s), after `sync` and dropping the page cache 1.26
  and 1.11 s (0.43 and 0.33 s), into a fresh folder with no deletion before 1.24 s; 100 k right after deleting
  a 100 k output 185.53 and 180.96 s (system 220.10 and 223.75 s), settled 101.87 and 90.03 s (54.28 and 46.36
  s), peak RSS 982-988 MB in all four. So the on-disk rows of earlier tables partly measured the bench's own
  deletions, the more the larger the output deleted just before (the 1 k row's 3.02 s at 08:35Z; the 300 k runs
  whose system time varied between 73 and 320 s, below). `scripts/settle-fs.sh` now runs before each timed run
  that writes files (bench.sh's pipeline rows and fake-CKAN harvest, bench-ckan.sh's nightly runs): `sync`,
  then, as root, dropping the page cache, then reading the run's input back in and starting the binary once, so
  the run still starts warm; bench-ckan.sh also lets CKAN answer one untimed package_search first, so both sides
  are measured warm. Without root it only syncs, and the table says so; `SETTLE_FS=0` skips it. A nightly job meets the effect only when it runs
  within minutes of a large deletion. In a settled 100 k run on disk (perf, 84.66 s, system 41.38 s) copying the
  outputs into the page cache (`copy_folio_from_iter_atomic`) is 15 % of the samples: writing the 10.5 GB of
  outputs remains the run's largest single cost in the kernel. The first bench with settled runs (10:35Z, code
  unchanged since 08:35Z): 1 k 3.02 → 1.12 s, 10 k 10.28 → 7.91 s, 300 k 329.6 → 252.6 s (CPU 567 → 407 s); 100 k
  74.1 → 88.4 s, in a bench where the licence audit (no files written) also took 8-13 % longer and dedup 21 %
  (both measured without writing files); the next bench (13:17Z, below) has 84.3 s at 100 k. After the 10:35Z bench the CKAN API's name-based UUIDs take SHA-1 from swift-crypto instead of our
  own implementation and write the UUID straight into its `String` (213044f): samples under
  `CKANIdentifiers.uuid5` 123 → 38 of about 13,600 (settled 100 k runs on disk, 99 Hz), the same ids. Before the
  13:17Z bench (session 35, f2905aa) every finding made per record, distribution or duplicate group became a
  template with its arguments, rendered when written (issue 14 item 7; it was two formatted sentences for the 19 %
  of a run's findings that were not templates yet): 100 k on tmpfs, two runs each, 936 and 941 MB peak RSS against
  986 and 978 MB; outputs byte-identical for the demo and 10 k. Before the 15:55Z bench (session 36) the site's
  full-text index became server-index.bin's, renumbered to the list order instead of built again (2bad7fb; perf
  at 10 k: the site's term files 1.98 % → 0.36 % of the samples; outputs byte-identical for the demo and 10 k),
  and report.json lists the first 20 warnings of each source and code (2bfe3fd; at 100 k on tmpfs 166.7 MB → 17.2
  MB). In that bench the licence audit and dedup, whose code did not change, took 31 % and 13 % longer than at
  13:17Z (22.07 s against 16.91 s at 100 k; 1.367 s against 1.215 s), so its 100 k and 300 k rows (90.5 and
  284.6 s against 84.3 and 246.2 s) measured a slower hour rather than the code: right after it, alternating on
  tmpfs at 100 k, this code took 75.96 and 75.45 s (911 and 921 MB peak RSS), the code of 13:17Z 89.83 and 74.79
  s (910 and 916 MB).

## What limits the targets

The targets table at the top says which hold in this run; the history at the end shows how they moved.
The machine's speed moves them too: the bench of 2026-12-08T00:21Z (code 29c7195) took 105.11 s at 100 k
against 68.23 s at 2026-12-07T21:18Z (code fdd94ad), with CPU time up as much (170.21 against 110.93 s), on
code that did not change the run's hot path in between. The licence audit, which writes no file, moved the
same way (100 k: 18.88 against 15.53 s). Minutes after that bench, the binaries of 4ee8397 and 29c7195 took
1.66–2.03 and 1.74–1.76 s for the 10 k audit (two pairs), which took 1.28 s in the 21:18Z bench.

- **100 k datasets in ≤ 10 s (and ≥ 100 MB/s of input): not met.**
  - *The work is CPU-bound on 2 cores*: CPU time is 1.5 to 1.7 times the wall time in the pipeline table.
  - *Bytes written*: a 100 k run writes 10.5 GB in 370,339 files (measured 2026-12-06: each dataset's page,
    package JSON, Turtle and JSON-LD 3.9 GB, the three catalogue files 2.0 GB, server-index.bin 0.8 GB …).
    Writing that many bytes costs this machine's kernel 15–30 s of CPU by itself (`dd` of 3 GB into tmpfs on
    2026-12-07: 2.5–3.0 GB/s into memory freed just before, 0.46–1.0 GB/s beyond it). The 10 s target would
    need far fewer bytes per dataset, not only faster code.
  - *Strings everywhere*: mapping, each dataset's triples and the HTML pages are built from Swift `String`s.
    The profile is flat (allocation, reference counting, copying) with no single hot loop left: in a perf
    profile of `opendata-bench stages` at 10 k (session 36) the per-dataset RDF had about 25 % of the samples,
    the dataset pages 11 %, mapping 9 % and server-index.bin's entries 7 %.
  - *Noise*: single runs on this shared machine differ by more than most changes between them. On tmpfs
    outside the bench one binary took 96 to 141 s at 100 k on 2026-12-06; in the 2026-12-07T15:55Z bench the
    licence audit and dedup, code unchanged, ran 31 % and 13 % slower than at 13:17Z (bench notes, session 36).
  - What took the 100 k run from 260 s and 6.5 GB (30f9e23, 2026-12-05, tmpfs) to the history's last lines is
    in *Design choices for speed* above.
- **Memory at 100 k.** The targets table counts 1 GB as 10^9 bytes (954 MiB). The recorded runs from
  2026-12-06T15:56Z to 2026-12-07T10:35Z peaked at 950–972 MiB: under 1 GiB, but not under 10^9 bytes (the notes
  of those runs said "holds"); the 13:17Z and 15:55Z runs at 923 and 920 MiB (history). A run keeps the merged
  model in memory (each dataset's fields, distributions, published facts and findings) until the site is
  rendered: one `String` per field. heaptrack at 100 k (2026-12-05, before later savings) put mapping's values at 626 MB (distributions
  280, the dataset boxes 145, titles, descriptions and keywords 140). Findings are templates with their
  arguments (sentences rendered when written), all streamed to findings.jsonl; report.json lists the errors
  and the first 20 warnings of each source and code.
- **1 M datasets in ≤ 120 s and ≤ 3 GB: not met, as far as it can be measured here.** A whole run writes
  about 125 GB at 1 M (the bytes `opendata-bench pipeline` counts) and this disk has less than 50 GB free, so
  the targets table has no 1 M run. `NOWRITE_SIZES=1000000` measures everything but the writing (the table
  *Without the file system*): the first such measurement (2026-12-07, 23:30Z, code fcdb786, by hand with
  `/usr/bin/time -v opendata-bench pipeline`) took 645.6 s wall (1,015 s CPU) and 9,744 MiB peak RSS for
  900,000 datasets out, against 50.5 s and 923 MiB at 100 k: time and memory grow about linearly, about 10 KB
  of peak RSS per dataset. Writing adds time, not memory: at 100 k whole runs on disk took 68.2 s (the 21:18Z
  bench) and 74.2 s (22:48Z, under perf) with 916 and 927 MiB.
  ≤ 3 GB at 1 M needs about 3 KB per dataset, a model not held as one `String` per field. bench.sh removes
  each size's output once measured, so on a larger disk `scripts/bench.sh 1000000` measures the whole run and
  the targets table evaluates it.
- **Nightly full harvest of 1000 datasets ≤ 2× CKAN's own package_search: not met.** The figure is the whole
  nightly job: the harvest, mapping, dedup, every export, 1,000 dataset pages (about 4,360 files at 1 k) and
  publishing a snapshot. Its harvest step alone (the request, record hashes against the state store, the
  store's update: report.json `durationSeconds`) took 1.2× to 2.2× CKAN's time in the recorded runs. At 1,000
  datasets the run is mostly fixed costs and creating files (`opendata-bench stages` at 1 k, 2026-12-07: the
  pipeline 0.62 s, 4,358 files). Files created right after a large deletion are slow on this file system
  (bench notes, session 34), so the bench settles it before each timed run (`scripts/settle-fs.sh`).
- **Harvest ≥ 20× faster than `ckanapi dump`**: against the fake CKAN (50 ms per request) we make 2 requests
  where ckanapi makes one per dataset; `-p 4` divides ckanapi's time by about three, so run-to-run noise
  decides which side of 20 the four-worker ratio lands. Against ckan-local (the real-CKAN table) it does not
  hold: there every request is answered on the same machine in tens of milliseconds, so ckanapi's 1001
  requests cost little, while our figure is the whole nightly job. The "CKAN alone" row is the floor for any
  client.
- **DCAT serialisation ≥ 50× faster than rdflib** holds for Turtle, not for RDF/XML and JSON-LD, whose rdflib
  serialisers are much faster than its Turtle one. The table times our serialisers on the reference graph
  (`DCATGraph`); a run writes the same blocks per dataset instead (stage table: rdf files). Against
  ckanext-dcat, end to end over HTTP, see its table. Where the time goes (perf on `opendata-bench stages` at
  10 k, 2026-12-07, samples inside `serialise`): appending to the output `String` (its append, capacity,
  count-and-flags and uniqueness checks, the copies) 32 % in RDF/XML and 35 % in JSON-LD; the fast-path
  scans for bytes to escape 21 % in RDF/XML (`attribute`, `content`) and 13 % in JSON-LD (`isPlain`); retains
  12–17 %. The scans now look at eight bytes at a time (`String.allUTF8(below:marks:)`): at 10 k, three pairs
  before → after, RDF/XML 0.383–0.390 → 0.364–0.370 s, JSON-LD 0.314–0.324 → 0.303–0.306 s, Turtle about the
  same. Then the serialisers wrote into byte buffers (`[UInt8]`) instead of a `String` (after the 20:39Z run;
  three pairs at 10 k): Turtle 0.237–0.244 → 0.168–0.183 s, RDF/XML 0.360–0.372 → 0.307–0.327 s, JSON-LD
  0.298–0.308 → 0.218–0.226 s, the rdf files stage 1.33–1.52 → 1.16–1.28 s, a 10 k run in /dev/shm 5.63–5.94 →
  5.35–5.64 s. RDF/XML's escapes, which IRIs with a query (`&`) need, went from scalar-by-scalar `String`
  building to bytes: RDF/XML 0.322–0.346 → 0.213–0.219 s (three pairs). 50× rdflib for RDF/XML would take
  0.128 s on this graph (rdflib's 6.396 s of the 20:39Z run).
- **Turtle at least as fast as pyoxigraph**: what moved it was writing IRIs straight into the document with a
  one-table namespace look-up (`ExportNS.compact`), then escaping literals over runs of bytes instead of
  scalar by scalar, then (2026-12-07) writing into a byte buffer instead of a `String` (1.54× → 2.04×). The
  target names Turtle only; see the serialisation table for RDF/XML and JSON-LD.
- **Bulk JSON ingestion ≥ 300 MB/s**: the median of seven rounds after 0.3 s of warm-up. It depends on the
  machine's state: for several minutes on 2026-12-07 most rounds at 1 k and 10 k gave 219–268 MB/s, and
  minutes later, on the same binary, 384–404 MB/s (session 36); a bench taken in such a spell
  would put it under 300. What moved it: an object's members collected in one reused buffer (163 → 218
  MB/s), the eight-byte string scan (238–242), `JSONObject` with the literal keys and the whole-number path
  (327–331), then the plain runs between escapes copied whole and members collected on stacks (376–393). The
  largest parts of the parse now are making `String`s and freeing the tree.
- **A 100 k snapshot served within 2 s of a swap**: the run writes what the server needs (server-index.bin:
  package dicts, search postings, facet values and totals, dataset offsets in the model) and the server maps
  it; without it (a snapshot of an older version) the server reads the model and builds the index, about 9 s
  at 90,000 datasets (serving section). Reading that model took 7.4–7.6 s until session 37, about half of it
  parsing and rendering again each dataset's copy of an official area outline; equal outlines read back are
  now one shape (`PublishedShape.read`), 2.6–2.9 s.
- Measurements share 2 cores with other work; the load average is printed next to each figure.
NOTES
  echo
  history_section "$HISTORY"
  if [ -n "$SERVE_SECTION" ]; then
    echo
    echo "$SERVE_SECTION"
  fi
} >"$DOC.tmp" && mv "$DOC.tmp" "$DOC"
echo "wrote $DOC" >&2
