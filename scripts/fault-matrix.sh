#!/usr/bin/env bash
# The process-level fault matrix of issue 15, against the built binary: kill -9 at every pause point (plain and
# nightly runs), a failing and a shrinking source, two runs on one output, a killed job's OnFailure= notification, a full and a read-only disk (a small
# tmpfs; needs root for mount — skipped with a note otherwise). Prints one table row per case and fails if any
# case fails. Usage: bash scripts/fault-matrix.sh [BIN]   (default .build/debug/opendata)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$(realpath "${1:-.build/debug/opendata}")
WORK=$(mktemp -d /tmp/opendata-fault-matrix.XXXXXX)
MNT="$WORK/tmpfs"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  mountpoint -q "$MNT" 2>/dev/null && umount "$MNT"
  rm -rf "$WORK"
}
trap cleanup EXIT
ROWS=()
FAILED=0
row() { ROWS+=("$(printf '%-44s %-58s %s' "$1" "$2" "$3")"); [[ $3 == PASS* || $3 == SKIP* ]] || FAILED=1; }

# A configuration with one ckan-dump source whose file the cases damage.
config() {  # config DIR DUMP [extra harvest keys]
  cat > "$1/sources.toml" <<TOML
[catalog]
title = "Fault matrix"
description = "scripts/fault-matrix.sh"
base_uri = "https://example.org/katalog"
vocabularies = "$ROOT/catalog/vocabularies"
licences = "$ROOT/catalog/licences.toml"
[catalog.publisher]
name = "CI"
[harvest]
keep_snapshots = 3
${3:-}
[[source]]
id = "koeln"
title = "Köln"
kind = "ckan-dump"
path = "$2"
TOML
}
datasets() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"]["datasets"])' "$1/report.json" 2>/dev/null || echo "?"; }
run() { "$BIN" run --config "$1/sources.toml" --out "$2" --quiet "${@:3}" >"$1/log" 2>&1; echo $?; }
# Starts a run paused at a point; returns when it waits there (its pid in $PAUSED).
paused() {  # paused DIR OUT POINT [args]
  local marker="$1/marker"; rm -f "$marker"
  OPENDATA_TEST_PAUSE_AT=$3 OPENDATA_TEST_PAUSE_MARKER=$marker "$BIN" run --config "$1/sources.toml" --out "$2" --quiet "${@:4}" >"$1/paused.log" 2>&1 &
  PAUSED=$!; PIDS+=("$PAUSED")
  for _ in $(seq 1 600); do [ -s "$marker" ] && return 0; kill -0 "$PAUSED" 2>/dev/null || return 1; sleep 0.1; done
  return 1
}
KOELN=$ROOT/catalog/demo/koeln-2015-01.json

# --- kill -9 at each pause point, plain and nightly ------------------------------------------------------
for mode in plain nightly; do
  for point in publish-write publish-switch store; do
    [ $mode = plain ] && [ $point = store ] && continue
    C="$WORK/kill-$mode-$point"; mkdir -p "$C"; cp "$KOELN" "$C/dump.json"; config "$C" "$C/dump.json"
    args=(); [ $mode = nightly ] && args=(--state "$C/state.sqlite")
    out="$C/out"; served="$out"; [ $mode = nightly ] && served="$out/current"
    rc1=$(run "$C" "$out" "${args[@]}")
    python3 - "$C/dump.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
items = d if isinstance(d, list) else d.get("result", d)
items = items.get("results", items) if isinstance(items, dict) else items
items[0]["title"] = "Geändert für die Fehlermatrix"; json.dump(d, open(p, "w"))
PY
    before=$(readlink "$served")
    if paused "$C" "$out" "$point" "${args[@]}"; then
      kill -9 "$PAUSED"; wait "$PAUSED" 2>/dev/null
      after=$(readlink "$served"); complete=no
      [ -f "$served/catalog.model.json" ] && [ -f "$served/report.json" ] && complete=yes
      listed=$("$BIN" publish --out "$out" 2>/dev/null)
      rc2=$(run "$C" "$out" "${args[@]}")
      title=$(grep -c "Geändert für die Fehlermatrix" "$served/catalog.ttl" 2>/dev/null)
      want_after=$before; [ $point = store ] && want_after=$after
      verdict=FAIL
      if [ "$rc1" = 0 ] && [ "$complete" = yes ] && [ "$after" = "$want_after" ] && [ "$rc2" = 0 ] && [ "${title:-0}" -ge 1 ]; then verdict=PASS; fi
      # A snapshot renamed into place but never switched to is no rollback target.
      if [ $point = publish-switch ]; then
        next=$(( $(basename "$before") + 1 ))
        if printf '%s\n' "$listed" | cut -f1 | grep -qx "$next"; then verdict="FAIL (unswitched snapshot $next listed as a rollback target)"; fi
      fi
      row "kill -9 at $point ($mode)" "link kept ($before → $after), complete=$complete, rerun rc=$rc2, change published" "$verdict"
    else
      row "kill -9 at $point ($mode)" "did not reach the pause point (see $C/paused.log)" "FAIL"
    fi
  done
done

# --- a failing source keeps its datasets (stale), the valve holds a mass withdrawal -----------------------
C="$WORK/stale"; mkdir -p "$C"; cp "$KOELN" "$C/dump.json"; config "$C" "$C/dump.json"
rc1=$(run "$C" "$C/out"); d1=$(datasets "$C/out")
head -c 20000 "$KOELN" > "$C/dump.json"   # truncated file
rc2=$(run "$C" "$C/out"); d2=$(datasets "$C/out")
stale=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["sources"][0]; print((s.get("incremental") or {}).get("harvest"), (s.get("incremental") or {}).get("staleSince"))' "$C/out/report.json")
page=$(grep -c "veraltet seit" "$C/out/harvest.html")
v=FAIL; [ "$rc1" = 0 ] && [ "$rc2" = 1 ] && [ "$d2" = "$d1" ] && [[ $stale == stale* ]] && [ "$page" -ge 1 ] && v=PASS
row "truncated ckan-dump (plain run)" "exit $rc2, datasets $d1 → $d2, report: $stale, page notice: $page" "$v"

C="$WORK/valve"; mkdir -p "$C"; cp "$KOELN" "$C/dump.json"; config "$C" "$C/dump.json"
rc1=$(run "$C" "$C/out"); d1=$(datasets "$C/out")
python3 - "$C/dump.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p))
if isinstance(d, dict) and "result" in d:
    r = d["result"]; items = r["results"] if isinstance(r, dict) else r
    keep = items[: len(items) // 2]
    if isinstance(r, dict): r["results"] = keep; r["count"] = len(keep)
    else: d["result"] = keep
else:
    d = d[: len(d) // 2]
json.dump(d, open(p, "w"))
PY
rc2=$(run "$C" "$C/out"); d2=$(datasets "$C/out")
held=$(grep -c "source.withdrawals-held" "$C/out/report.json")
v=FAIL; [ "$rc2" = 1 ] && [ "$d2" = "$d1" ] && [ "$held" -ge 1 ] && v=PASS
row "half the datasets vanish (valve, plain run)" "exit $rc2, datasets $d1 → $d2, withdrawals-held findings: $held" "$v"

C="$WORK/first"; mkdir -p "$C"; head -c 20000 "$KOELN" > "$C/dump.json"; config "$C" "$C/dump.json"
rc=$(run "$C" "$C/out")
v=FAIL; [ "$rc" = 1 ] && [ -f "$C/out/report.json" ] && v=PASS
row "first run, source fails" "exit $rc, published what it has: $( [ -f "$C/out/report.json" ] && echo yes || echo no)" "$v"

# --- two runs on one output --------------------------------------------------------------------------------
C="$WORK/concurrent"; mkdir -p "$C"; cp "$KOELN" "$C/dump.json"; config "$C" "$C/dump.json"
if paused "$C" "$C/out" publish-write; then
  rc=$(run "$C" "$C/out")
  v=FAIL; [ "$rc" = 75 ] && v=PASS
  row "two plain runs, one --out" "second exits $rc ($(grep -o 'another harvest is running' "$C/log" | head -1))" "$v"
  kill -9 "$PAUSED"; wait "$PAUSED" 2>/dev/null
else
  row "two plain runs, one --out" "first run did not pause" FAIL
fi
C="$WORK/concurrent-nightly"; mkdir -p "$C"; cp "$KOELN" "$C/dump.json"; config "$C" "$C/dump.json"
if paused "$C" "$C/out" publish-write --state "$C/a.sqlite"; then
  rc=$(run "$C" "$C/out" --state "$C/b.sqlite")
  v=FAIL; [ "$rc" = 75 ] && v=PASS
  row "two nightly jobs, other state paths" "second exits $rc" "$v"
  kill -9 "$PAUSED"; wait "$PAUSED" 2>/dev/null
else
  row "two nightly jobs, other state paths" "first job did not pause" FAIL
fi
C="$WORK/state-missing"; mkdir -p "$C"; cp "$KOELN" "$C/dump.json"; config "$C" "$C/dump.json"
rc=$(run "$C" "$C/out" --state "$C/no/such/folder/state.sqlite")
v=FAIL; [ "$rc" = 2 ] && [ ! -d "$C/no" ] && v=PASS
row "state path in a missing folder" "exit $rc, folder created: $( [ -d "$C/no" ] && echo yes || echo no)" "$v"

# --- a job killed outright: systemd's OnFailure= runs `opendata notify`; the next good run reports recovery ---
C="$WORK/killed-notify"; mkdir -p "$C"; cp "$KOELN" "$C/dump.json"
config "$C" "$C/dump.json" "notify_command = \"cat > $C/notified.json\""
rc1=$(run "$C" "$C/out" --state "$C/state.sqlite")
if paused "$C" "$C/out" publish-write --state "$C/state.sqlite"; then
  kill -9 "$PAUSED"; wait "$PAUSED" 2>/dev/null
  "$BIN" notify --config "$C/sources.toml" --unit opendata-nightly.service --out "$C/out" >"$C/notify.log" 2>&1; rcn=$?
  field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]))' "$1" "$2" 2>/dev/null; }
  st1=$(field "$C/out/status.json" status); ev1=$(field "$C/notified.json" event); ok1=$(field "$C/out/status.json" lastSuccessAt)
  rc2=$(run "$C" "$C/out" --state "$C/state.sqlite")
  st2=$(field "$C/out/status.json" status); ev2=$(field "$C/notified.json" event)
  v=FAIL; [ "$rc1" = 0 ] && [ "$rcn" = 0 ] && [ "$st1" = failed ] && [ "$ev1" = failure ] && [ "$ok1" != None ] && [ "$rc2" = 0 ] && [ "$st2" = done ] && [ "$ev2" = recovery ] && v=PASS
  row "job killed, OnFailure= notify, next run" "notify exit $rcn: status $st1, event $ev1; next run: status $st2, event $ev2" "$v"
else
  row "job killed, OnFailure= notify, next run" "job did not pause" FAIL
fi

# --- full and read-only disks (tmpfs) ---------------------------------------------------------------------
C="$WORK/disk"; mkdir -p "$C" "$MNT"; cp "$KOELN" "$C/dump.json"; config "$C" "$C/dump.json"
if mount -t tmpfs -o size=64m tmpfs "$MNT" 2>/dev/null; then
  rc1=$(run "$C" "$MNT/out"); before=$(readlink "$MNT/out")
  used=$(du -sk "$MNT" | cut -f1); free=$(df -k --output=avail "$MNT" | tail -1)
  fill=$(( free - used / 2 )); [ $fill -gt 0 ] && dd if=/dev/zero of="$MNT/filler" bs=1k count=$fill status=none 2>/dev/null
  cp "$ROOT/catalog/demo/koeln-2014-11.json" "$C/dump.json"
  rc2=$(run "$C" "$MNT/out"); after=$(readlink "$MNT/out")
  msg=$(grep -o "no space left on the device" "$C/log" | head -1); partial=$(ls -a "$MNT/out.snapshots/snapshots" | grep -c partial)
  v=FAIL; [ "$rc1" = 0 ] && [ "$rc2" = 1 ] && [ "$before" = "$after" ] && [ -n "$msg" ] && [ "$partial" = 0 ] && [ -f "$MNT/out/catalog.ttl" ] && v=PASS
  row "disk full (tmpfs)" "exit $rc2, link kept: $( [ "$before" = "$after" ] && echo yes || echo no), message: ${msg:-raw}, leftovers: $partial" "$v"
  rm -f "$MNT/filler"; mount -o remount,ro "$MNT"
  rc3=$(run "$C" "$MNT/out")
  msg=$(grep -o "read-only" "$C/log" | head -1); raw=$(grep -c NSCocoaErrorDomain "$C/log")
  v=FAIL; [ "$rc3" = 1 ] && [ -n "$msg" ] && [ "$raw" = 0 ] && [ -f "$MNT/out/catalog.ttl" ] && v=PASS
  row "read-only output folder (tmpfs)" "exit $rc3, message: ${msg:-none}, raw Cocoa dumps: $raw" "$v"
  umount "$MNT"
else
  row "disk full / read-only (tmpfs)" "mount not permitted here (needs root)" "SKIP"
fi

printf '\n%-44s %-58s %s\n' "case" "observed" "verdict"
printf '%s\n' "${ROWS[@]}"
exit $FAILED
