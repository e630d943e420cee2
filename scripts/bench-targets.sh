# The targets table and the bench history of docs/performance.md, sourced by scripts/bench.sh after its
# measurements. Reads bench.sh's per-size arrays (WALL_AT, RSS_AT, MBS_AT, JSON_AT, NOWRITE_WALL, NOWRITE_RSS), the serialiser ratios
# (RDFLIB_X, OX_X), the fake-CKAN ratios (CKANAPI_X), DEDUP_N and DEDUP_LINE, the real-CKAN figures
# ($TMP/ckan.kv, written by scripts/bench-ckan.sh), the serving section bench-serve.sh wrote (SERVE_SECTION) and
# BENCH_COMMIT (the code measured).
# Every verdict is computed here from this run's figures, so the table cannot disagree with the tables below it.

# verdict VALUE OP LIMIT: "holds" or "**not met**" (OP: le or ge); "not measured" when VALUE is empty.
verdict() {
  [ -n "$1" ] || { echo "not measured"; return; }
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { ok = (op == "le") ? v + 0 <= l + 0 : v + 0 >= l + 0; print (ok ? "holds" : "**not met**") }'
}

# num VALUE: a ratio cell as a number ("1.46×" → 1.46; "—" or nothing → empty).
num() { local v=${1:-}; v=${v%×}; [ "$v" = "—" ] && v=""; echo "$v"; }

# cell VALUE TEXT: TEXT when VALUE is set, else a dash.
cell() { if [ -n "$1" ]; then echo "$2"; else echo "—"; fi; }

# Both verdicts hold → holds; otherwise the first that does not.
both() { if [ "$1" = holds ]; then echo "$2"; else echo "$1"; fi; }

# ckan_kv KEY: a figure of the real-CKAN run, empty when it did not run.
ckan_kv() { [ -f "$TMP/ckan.kv" ] && grep -o "$1=[^ ]*" "$TMP/ckan.kv" | cut -d= -f2 || true; }

# div A B: A / B with two decimals, empty when either is missing.
div() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b }' || true; }

# size_rows N LABEL WALL_LIMIT GB_LIMIT: the wall and memory rows of one size (1 GB = 10^9 bytes; the tables' MiB).
size_rows() {
  local n=$1 label=$2 w=${WALL_AT[$1]:-} r=${RSS_AT[$1]:-} limit_mib
  limit_mib=$(awk -v g="$4" 'BEGIN { printf "%.0f", g * 1e9 / 1048576 }')
  if [ -z "$w" ]; then
    # Without a whole run, the pipeline without writing (NOWRITE_SIZES) is a lower bound of its wall time: a run
    # does all of it and writes too. So it can show the wall target missed, never met.
    local nowrite="" v="not measured" nw=${NOWRITE_WALL[$n]:-}
    if [ -n "$nw" ]; then
      nowrite="; without writing files (\`opendata-bench pipeline\`, table below): $nw s, ${NOWRITE_RSS[$n]} MiB"
      [ "$(verdict "$nw" le "$3")" = holds ] || v="**not met** (wall: a run takes longer than the pipeline without writing)"
    fi
    echo "| $label: ≤ $3 s wall, ≤ $4 GB peak RSS | not in this run (sizes: ${SIZES[*]})$nowrite | $v |"
    return
  fi
  echo "| $label: ≤ $3 s wall | $w s | $(verdict "$w" le "$3") |"
  echo "| $label: ≤ $4 GB peak RSS ($limit_mib MiB) | $r MiB | $(verdict "$r" le "$limit_mib") |"
}

targets_section() {
  local json_cells="" json_verdict="" n x rdflib_cells="" rdflib_verdict="" api_cells="" api_verdict=""
  echo "## Targets"
  echo
  echo "Each verdict is computed by \`scripts/bench-targets.sh\` from this run's figures in the tables below (the"
  echo "serving row from the serving section's own run); why some are not met: *What limits the targets*, below."
  echo
  echo "| target | measured | verdict |"
  echo "|---|---|---|"
  size_rows 100000 "100 k datasets (\`opendata run\`, issue 14)" 10 1
  echo "| 100 k datasets: ≥ 100 MB/s of input | $(cell "${MBS_AT[100000]:-}" "${MBS_AT[100000]:-} MB/s") | $(verdict "${MBS_AT[100000]:-}" ge 100) |"
  size_rows 1000000 "1 M datasets (issue 14)" 120 3
  for n in "${SIZES[@]}"; do
    [ -n "${JSON_AT[$n]:-}" ] || continue
    json_cells+="${json_cells:+, }${JSON_AT[$n]} MB/s at $n"
    json_verdict=$(both "${json_verdict:-holds}" "$(verdict "${JSON_AT[$n]}" ge 300)")
  done
  echo "| Bulk JSON ingestion ≥ 300 MB/s on one core (stage table, each size) | ${json_cells:-—} | ${json_verdict:-not measured} |"
  echo "| Turtle at least as fast as pyoxigraph (same triples) | ${OX_X[turtle]:-—} | $(verdict "$(num "${OX_X[turtle]:-}")" ge 1) |"
  for x in turtle rdfxml jsonld; do
    [ -n "${RDFLIB_X[$x]:-}" ] || continue
    rdflib_cells+="${rdflib_cells:+, }$x ${RDFLIB_X[$x]}"
    [ "$(verdict "$(num "${RDFLIB_X[$x]}")" ge 50)" = holds ] || rdflib_verdict+="${rdflib_verdict:+, }$x"
  done
  if [ -z "$rdflib_cells" ]; then rdflib_verdict="not measured"
  elif [ -z "$rdflib_verdict" ]; then rdflib_verdict=holds
  else rdflib_verdict="**not met** for $rdflib_verdict"; fi
  echo "| DCAT serialisation ≥ 50× faster than rdflib | ${rdflib_cells:-—} | $rdflib_verdict |"
  for x in 1 4; do
    [ -n "${CKANAPI_X[$x]:-}" ] || continue
    api_cells+="${api_cells:+, }$x worker$([ "$x" = 1 ] || echo s): ${CKANAPI_X[$x]}"
    [ "$(verdict "$(num "${CKANAPI_X[$x]}")" ge 20)" = holds ] || api_verdict+="${api_verdict:+, }$x worker$([ "$x" = 1 ] || echo s)"
  done
  if [ -z "$api_cells" ]; then api_verdict="not measured"
  elif [ -z "$api_verdict" ]; then api_verdict=holds
  else api_verdict="**not met** against $api_verdict"; fi
  echo "| Harvest ≥ 20× faster than \`ckanapi dump\` (fake CKAN, $LATENCY s per request) | ${api_cells:-—} | $api_verdict |"
  local dedup_s; dedup_s=$(echo "$DEDUP_LINE" | grep -o 'dedup_seconds=[^ ]*' | cut -d= -f2 || true)
  if [ "$DEDUP_N" = 100000 ]; then
    echo "| Deduplication of 100 k datasets ≤ 2 s | ${dedup_s:-—} s | $(verdict "$dedup_s" le 2) |"
  fi
  local nightly search harvest ratio hratio
  nightly=$(ckan_kv nightly_s) search=$(ckan_kv search_s) harvest=$(ckan_kv harvest_s)
  ratio=$(div "$nightly" "$search") hratio=$(div "$harvest" "$search")
  echo "| Nightly full harvest of $CKAN_N datasets from ckan-local ≤ 2× CKAN's own package_search (issue 14) |" \
    "$(cell "$ratio" "$nightly s against $search s: ${ratio}× (its harvest step alone ${hratio}×)") | $(verdict "$ratio" le 2) |"
  local serve serve_date
  serve=$(printf '%s\n' "$SERVE_SECTION" | grep -m1 '^| snapshot of .* served after start |' || true)
  serve_date=$(printf '%s\n' "$SERVE_SECTION" | grep -o -m1 '^[0-9]\{4\}-[0-9-]*T[0-9:]*Z' || true)
  if [ -n "$serve" ]; then
    echo "| A 100 k snapshot served within 2 s of a swap (serving section: its own run, ${serve_date:-date not found}) | $(echo "$serve" | cut -d'|' -f3 | sed 's/^ *//;s/ *$//') | $(echo "$serve" | cut -d'|' -f4 | sed 's/^ *//;s/ *$//') |"
  fi
}

# history_append FILE: one line for this run (the columns of the file's header; empty: not measured).
history_append() {
  local file=$1 commit=${BENCH_COMMIT:-unknown}
  [ -s "$file" ] || printf 'date\tcommit\tsizes\twall_100k_s\trss_100k_mib\twall_300k_s\trss_300k_mib\twall_1m_s\trss_1m_mib\tjson_mb_s\tturtle_vs_pyoxigraph\tnightly_s\tckan_search_s\n' >"$file"
  local json_n=""; for n in "${SIZES[@]}"; do [ -z "${JSON_AT[$n]:-}" ] || json_n=$n; done
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$BENCH_DATE" "$commit" "$(IFS=,; echo "${SIZES[*]}")" \
    "${WALL_AT[100000]:-}" "${RSS_AT[100000]:-}" "${WALL_AT[300000]:-}" "${RSS_AT[300000]:-}" \
    "${WALL_AT[1000000]:-}" "${RSS_AT[1000000]:-}" "${json_n:+${JSON_AT[$json_n]}}" "$(num "${OX_X[turtle]:-}")" \
    "$(ckan_kv nightly_s)" "$(ckan_kv search_s)" >>"$file"
}

# history_section FILE: the recorded runs, newest first.
history_section() {
  echo "## History of the recorded runs"
  echo
  echo "One line per recorded \`scripts/bench.sh\` run, newest first, from \`docs/bench-history.tsv\` (appended by each"
  echo "run; the lines up to 2026-12-07T15:55Z were read from the earlier versions of this file). Commit: the code"
  echo "measured, HEAD before the build with \"+changes\" if Sources differed from it (for the lines read back: the"
  echo "commit before the one that recorded them). Peak RSS in MiB (\`/usr/bin/time\` KiB ÷ 1024); JSON: the stage"
  echo "table's largest size (10 k); nightly: the real-CKAN table's first run, and its ratio to CKAN's own"
  echo "package_search. Single runs on a shared machine: neighbouring lines differ by more than the code between"
  echo "them (bench notes, sessions 31-36)."
  echo
  echo "| date (UTC) | commit | 100 k s | 100 k MiB | 300 k s | 300 k MiB | 1 M s | 1 M MiB | JSON MB/s | Turtle vs pyoxigraph | nightly s | × CKAN |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  tail -n +2 "$1" | sort -r | awk -F'\t' -v OFS=' | ' '
    function c(v) { return v == "" ? "—" : v }
    { r = ($12 != "" && $13 > 0) ? sprintf("%.1f×", $12 / $13) : "—"
      t = ($11 == "") ? "—" : $11 "×"
      print "| " $1, $2, c($4), c($5), c($6), c($7), c($8), c($9), c($10), t, c($12), r " |" }'
}
