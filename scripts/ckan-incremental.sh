#!/usr/bin/env bash
# Nightly-mode runs against a REAL CKAN 2.11 (../shared/tools/ckan-local), issue #6:
#   1. first run: full harvest, snapshot published;
#   2. nothing changed: <= 2 requests, nothing new/updated/withdrawn, NO new snapshot (current keeps its target,
#      its files keep their bytes and mtimes);
#   3. package_patch one dataset and package_delete another with the sysadmin token: updated=1 (new title in
#      catalog.ttl and datasets.csv), withdrawn=1 (gone from the catalogue, listed in the report), <= 2 requests,
#      a new snapshot;
#   4. nothing changed, default 60-minute overlap: <= 2 requests, no new snapshot.
# Runs 1-3 use `overlap_minutes = 0`: ckan-local stamps every dataset with its load time, minutes ago, so with the
# default hour every run would fetch the whole site and the path for datasets older than the window (compared by
# the id listing's metadata_modified) would go untested. Each run's `fetched` must equal CKAN's own count of the
# window `metadata_modified:[since TO *]`.
#
# Starts its own CKAN (its own CKAN_LOCAL_HOME, port 5056, the venv shared with ckan-integration.sh's home) and
# stops it on exit, so it does not depend on or disturb the instance of ckan-integration.sh.
#   usage: scripts/ckan-incremental.sh PATH/TO/opendata
#   env:   CKAN_INCREMENTAL_PORT (5056), CKAN_INCREMENTAL_HOME (<CKAN_LOCAL_HOME>-incremental), KEEP_CKAN=1
set -euo pipefail
BIN=$(realpath "${1:-.build/debug/opendata}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$ROOT/../shared/tools/ckan-local
DUMP=$ROOT/catalog/demo/koeln-2015-01.json
SHARED=${CKAN_LOCAL_HOME:-$HOME/.cache/ckan-local-opendata}
export CKAN_LOCAL_HOME=${CKAN_INCREMENTAL_HOME:-$SHARED-incremental}
PORT=${CKAN_INCREMENTAL_PORT:-5056}
WORK=$(mktemp -d)
OUT=$WORK/out
STATE=$WORK/state/state.sqlite
mkdir -p "$WORK/state"   # a state path in a missing folder is refused
START=$SECONDS

cleanup() {
  local rc=$?
  [ "${KEEP_CKAN:-0}" = 1 ] || "$T/stop.sh" >/dev/null 2>&1 || true
  if [ $rc = 0 ]; then rm -rf "$WORK"; else echo "ckan-incremental: FAILED (exit $rc); outputs, reports and logs kept in $WORK"; fi
  exit $rc
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The venv (a minute of pip) is reused from ckan-integration.sh's home when it is complete there.
mkdir -p "$CKAN_LOCAL_HOME"
if [ ! -e "$CKAN_LOCAL_HOME/venv" ] && compgen -G "$SHARED/venv/.ckan-*-ok" >/dev/null; then
  ln -sfn "$SHARED/venv" "$CKAN_LOCAL_HOME/venv"
fi
# This script changes the site's data, so it always starts from a fresh, empty site.
if [ -s "$CKAN_LOCAL_HOME/pids" ]; then
  echo "stopping the CKAN left running in $CKAN_LOCAL_HOME"
  "$T/stop.sh" >/dev/null 2>&1 || true
fi

URL=$("$T/start.sh" --port "$PORT" --load "$DUMP" 2> "$WORK/ckan-start.log" | tail -1) ||
  { tail -20 "$WORK/ckan-start.log"; fail "ckan-local did not start"; }
grep -E '^(TOTAL|.*rejected [1-9])' "$WORK/ckan-start.log" || true
TOKEN=$(cat "$CKAN_LOCAL_HOME/token")
echo "CKAN at $URL (home $CKAN_LOCAL_HOME), up and loaded after $((SECONDS - START)) s"

api() {  # GET: action, then curl --data-urlencode arguments; prints the result as JSON
  local action=$1; shift
  curl -fsS -G "$URL/api/3/action/$action" "$@" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["result"]))'
}
post() {  # POST with the sysadmin token: action, JSON body
  curl -fsS -X POST "$URL/api/3/action/$1" -H "Authorization: $TOKEN" -H 'Content-Type: application/json' -d "$2" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(0 if r.get("success") else 1)' || fail "$1 $2 was refused"
}
N=$(api package_search --data-urlencode rows=0 | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
[ "$N" -gt 10 ] || fail "CKAN holds only $N datasets"

config() {  # $1 = overlap_minutes ("" = the default)
  local file=$WORK/sources${1:+-overlap$1}.toml
  cat > "$file" <<TOML
[catalog]
title = "Inkrementell"
description = "Nightly runs against a local CKAN 2.11"
base_uri = "https://example.org/katalog"
vocabularies = "$ROOT/catalog/vocabularies"
licences = "$ROOT/catalog/licences.toml"
[catalog.publisher]
name = "Test"
[harvest]
offline = false
timeout_seconds = 60
${1:+overlap_minutes = $1}
[[source]]
id = "local-ckan"
title = "Local CKAN"
kind = "ckan"
url = "$URL"
[source.defaults]
portal_url = "$URL"
TOML
  echo "$file"
}

# Fingerprint of the published snapshot: current's target, then every file with its mtime (ns) and sha256, except
# the run-specific report.json / findings.jsonl / harvest.html (Publisher.ignoredForChange: an unchanged run replaces just those).
fingerprint() {
  python3 - "$OUT" <<'PY'
import hashlib, os, sys
out = sys.argv[1]
print("current ->", os.readlink(os.path.join(out, "current")))
root = os.path.realpath(os.path.join(out, "current"))
for folder, _, names in sorted(os.walk(root)):
    for name in sorted(names):
        path = os.path.join(folder, name)
        rel = os.path.relpath(path, root)
        if rel in ("report.json", "findings.jsonl", "harvest.html"):
            print(rel, "-", "-")
            continue
        print(rel, hashlib.sha256(open(path, "rb").read()).hexdigest(), os.stat(path).st_mtime_ns)
PY
}

RUN=0
run() {  # $1 = what, $2 = overlap_minutes; runs one nightly job, prints its summary line
  RUN=$((RUN + 1))
  local file t0=$SECONDS rc=0
  file=$(config "$2")
  "$BIN" run --config "$file" --out "$OUT" --state "$STATE" > "$WORK/run$RUN.log" 2>&1 || rc=$?
  cp "$OUT/report.json" "$WORK/report$RUN.json" 2>/dev/null || true
  [ $rc = 0 ] || { tail -20 "$WORK/run$RUN.log"; fail "run $RUN ($1): opendata run exited $rc"; }
  python3 - "$OUT/report.json" "$RUN" "$1" "$((SECONDS - t0))" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); s = r["sources"][0]; i = s["incremental"]; n = r["sections"]["nightly"]
print(f"run {sys.argv[2]} ({sys.argv[3]}): {i['harvest']}{' since ' + i['since'] if i.get('since') else ''}; "
      f"requests {s['requests']}, fetched {i['fetched']}, new {i['new']}, updated {i['updated']}, unchanged {i['unchanged']}, "
      f"reused {i['reused']}, withdrawn {len(i['withdrawn'])}, held {i['held']}; status {r['status']}; "
      f"{r['totals']['datasets']} datasets; snapshot {n.get('snapshot')} ({n['published']}); {sys.argv[4]} s")
PY
}

# check REPORT key=value ...: requests<=K, new=K, updated=K, withdrawn=ID,ID|"", published=new|unchanged,
# datasets=K, fetched=window (= CKAN's count of metadata_modified:[since TO *]), fetched-below=K, refetched=no
check() {
  local report=$1; shift
  local since window=""
  since=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sources"][0]["incremental"].get("since") or "")' "$report")
  if [ -n "$since" ]; then
    window=$(api package_search --data-urlencode rows=0 --data-urlencode "fq=metadata_modified:[$since TO *]" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
  fi
  python3 - "$report" "$window" "$@" <<'PY' || fail "run $RUN: see above"
import json, os, sys
r = json.load(open(sys.argv[1])); window = sys.argv[2]
# report.json lists errors and the first warnings of each source and code only; every finding (notes such as nightly.withdrawn too) is in findings.jsonl.
# Nightly mode keeps the job's report.json beside the snapshots; the run's findings.jsonl is in the current one.
base = os.path.dirname(sys.argv[1])
jsonl = next(p for p in (os.path.join(base, "findings.jsonl"), os.path.join(base, "current", "findings.jsonl")) if os.path.exists(p))
findings = [json.loads(line) for line in open(jsonl, encoding="utf-8") if line.strip()]
s = r["sources"][0]; i = s["incremental"]; published = r["sections"]["nightly"]["published"]
problems = []
def want(ok, text):
    if not ok: problems.append(text)
want(r["status"] == "done", f"status is {r['status']}, not done")
want(s.get("error") is None and i.get("problem") is None, f"source error: {s.get('error') or i.get('problem')}")
want(i["held"] == 0, f"{i['held']} withdrawals held")
for arg in sys.argv[3:]:
    key, _, value = arg.partition("=")
    if key == "requests<":
        want(s["requests"] <= int(value.lstrip("=")), f"{s['requests']} requests, more than {value.lstrip('=')}")
    elif key in ("new", "updated"):
        want(i[key] == int(value), f"{key} = {i[key]}, expected {value}")
    elif key == "datasets":
        want(r["totals"]["datasets"] == int(value), f"{r['totals']['datasets']} datasets published, expected {value}")
    elif key == "withdrawn":
        ids = [x for x in value.split(",") if x]
        want(i["withdrawn"] == ids, f"withdrawn {i['withdrawn']}, expected {ids}")
        listed = sorted(f["recordID"] for f in findings if f["code"] == "nightly.withdrawn")
        want(listed == sorted(ids), f"nightly.withdrawn findings name {listed}, expected {ids}")
    elif key == "published":
        want(published.startswith(value), f"published: {published!r}, expected {value}")
    elif key == "fetched" and value == "window":
        want(window != "" and i["fetched"] == int(window), f"fetched {i['fetched']}, but CKAN counts {window or '?'} datasets in the window since {i.get('since')}")
        want(i["fetched"] + i["reused"] == s["fetched"], f"fetched {i['fetched']} + reused {i['reused']} != {s['fetched']} records in the pipeline")
    elif key == "fetched-below":
        want(i["fetched"] < int(value), f"fetched {i['fetched']}, expected fewer than {value} (the window did not narrow the harvest)")
    elif key == "refetched" and value == "no":
        want(not any(f["code"] == "nightly.refetched" for f in findings), "datasets older than the window were fetched again by id")
    else:
        raise SystemExit(f"check: unknown expectation {arg}")
for p in problems: print("  FAIL:", p)
sys.exit(1 if problems else 0)
PY
}

# ---- 1. first run: full harvest --------------------------------------------------------------------------
run "first, full" 0
check "$OUT/report.json" "requests<=2" new="$N" updated=0 withdrawn= published=new
SNAP1=$(readlink "$OUT/current")
D=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"]["datasets"])' "$OUT/report.json")
fingerprint > "$WORK/fingerprint1"
# The two datasets to change: the oldest ones, so the window of run 2 does not hold them.
read -r PATCH_ID PATCH_NAME DELETE_ID DELETE_NAME < <(api package_search --data-urlencode rows=2 \
  --data-urlencode "sort=metadata_modified asc, id asc" --data-urlencode fl=id,name |
  python3 -c 'import json,sys; r=json.load(sys.stdin)["results"]; print(r[0]["id"], r[0]["name"], r[1]["id"], r[1]["name"])') ||
  fail "cannot pick two datasets to change"
for id in "$PATCH_ID" "$DELETE_ID"; do
  grep -q "^$id," "$OUT/current/datasets.csv" || fail "dataset $id is not in the first run's datasets.csv"
  grep -q "dcterms:identifier \"$id\"" "$OUT/current/catalog.ttl" || fail "dataset $id is not in the first run's catalog.ttl"
done

# ---- 2. nothing changed ----------------------------------------------------------------------------------
run "unchanged" 0
check "$OUT/report.json" "requests<=2" new=0 updated=0 withdrawn= published=unchanged datasets="$D" fetched=window fetched-below="$N" refetched=no
fingerprint > "$WORK/fingerprint2"
diff "$WORK/fingerprint1" "$WORK/fingerprint2" > /dev/null ||
  { diff "$WORK/fingerprint1" "$WORK/fingerprint2" | head; fail "the unchanged run touched the published snapshot"; }
echo "  snapshot $SNAP1 untouched: $(($(wc -l < "$WORK/fingerprint1") - 1)) files, same sha256 and mtimes"

# ---- 3. one dataset patched, one deleted -----------------------------------------------------------------
sleep 1.1   # metadata_modified of the changes lies past everything the previous runs saw
TITLE="Geaendert von ckan-incremental $(date -u +%H%M%S)"
post package_patch "{\"id\": \"$PATCH_ID\", \"title\": \"$TITLE\", \"notes\": \"Beschreibung geaendert\"}"
post package_delete "{\"id\": \"$DELETE_ID\"}"
echo "  patched $PATCH_NAME (title \"$TITLE\"), deleted $DELETE_NAME"
run "one patched, one deleted" 0
check "$OUT/report.json" "requests<=2" new=0 updated=1 withdrawn="$DELETE_ID" published=new datasets=$((D - 1)) fetched=window fetched-below="$N" refetched=no
SNAP3=$(readlink "$OUT/current")
[ "$SNAP3" != "$SNAP1" ] || fail "current still points at $SNAP1"
python3 - "$OUT/current/datasets.csv" "$PATCH_ID" "$TITLE" "$DELETE_ID" <<'PY' || fail "datasets.csv of run 3"
import csv, sys
rows = {row["source_id"]: row for row in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
ok = sys.argv[2] in rows and rows[sys.argv[2]]["title"] == sys.argv[3] and sys.argv[4] not in rows
print(f"  datasets.csv: {len(rows)} rows, patched title {'present' if sys.argv[2] in rows and rows[sys.argv[2]]['title'] == sys.argv[3] else 'MISSING'}, deleted dataset {'gone' if sys.argv[4] not in rows else 'STILL THERE'}")
sys.exit(0 if ok else 1)
PY
grep -qF "\"$TITLE\"" "$OUT/current/catalog.ttl" || fail "the new title is not in catalog.ttl"
if grep -q "dcterms:identifier \"$DELETE_ID\"" "$OUT/current/catalog.ttl"; then fail "the deleted dataset is still in catalog.ttl"; fi
fingerprint > "$WORK/fingerprint3"

# ---- 4. nothing changed, default overlap -----------------------------------------------------------------
run "unchanged, default overlap 60 min" ""
check "$OUT/report.json" "requests<=2" new=0 updated=0 withdrawn= published=unchanged datasets=$((D - 1)) fetched=window
fingerprint > "$WORK/fingerprint4"
diff "$WORK/fingerprint3" "$WORK/fingerprint4" > /dev/null ||
  { diff "$WORK/fingerprint3" "$WORK/fingerprint4" | head; fail "the unchanged run touched the published snapshot"; }

"$BIN" history --state "$STATE" --last 4
echo "ckan-incremental: OK ($N datasets, 4 runs, $((SECONDS - START)) s)"
