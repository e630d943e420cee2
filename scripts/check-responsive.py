#!/usr/bin/env python3
"""Checks the static site on a phone and a desktop screen with headless Chromium.

Usage: scripts/check-responsive.py SITE_DIR SCREENSHOT_DIR

For a sample of pages (index, a further list page, a facet page, downloads, harvest, licences, the dataset
pages with the longest title and the most files) at 390 px and 1280 px:
  - the page is exactly as wide as the viewport (no horizontal scrolling: scrollWidth == clientWidth);
  - on the phone, the first dataset of index.html starts within the first screen (844 px), so nobody has to
    scroll past the filters to see a result;
  - a full-page screenshot per page and width is written to SCREENSHOT_DIR (kept by CI as evidence).
Exits 1 and names page, width and the widest elements when a check fails.
"""
import html
import json
import os
import re
import subprocess
import sys
import tempfile

WIDTHS = [390, 1280]
PHONE_HEIGHT = 844
CHROMIUM = os.environ.get("CHROMIUM", "chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files"]


def sample_pages(site):
    pages = ["index.html", "downloads.html", "harvest.html"]
    for optional in ["seiten/2.html", "licences.html", "karte.html", "qualitaet/index.html", "validierung/index.html", "hvd/index.html"]:
        if os.path.exists(os.path.join(site, optional)):
            pages.append(optional)
    quality = os.path.join(site, "qualitaet")
    if os.path.isdir(quality):  # the publisher page with the most datasets (widest tables)
        sizes = {f: os.path.getsize(os.path.join(quality, f)) for f in os.listdir(quality) if f.endswith(".html") and f != "index.html"}
        if sizes:
            pages.append("qualitaet/" + max(sorted(sizes), key=sizes.get))
    facets = sorted(f for f in os.listdir(os.path.join(site, "suche")) if f.endswith(".html"))
    if facets:
        pages.append("suche/" + facets[0])
    datasets = sorted(f for f in os.listdir(os.path.join(site, "datensatz")) if f.endswith(".html"))

    def title(name):
        text = open(os.path.join(site, "datensatz", name), encoding="utf-8").read()
        m = re.search(r"<h1>(.*?)</h1>", text)
        return len(m.group(1)) if m else 0

    def files(name):
        return open(os.path.join(site, "datensatz", name), encoding="utf-8").read().count('<li class="file">')

    for key in (title, files):
        best = max(datasets, key=key)
        if "datensatz/" + best not in pages:
            pages.append("datensatz/" + best)
    return pages


def measure(site, pages, width, height):
    """scrollWidth, clientWidth, the first result's top and the widest elements of each page, via iframes."""
    frames = "".join(
        f'<iframe data-p="{html.escape(p)}" src="file://{html.escape(os.path.abspath(os.path.join(site, p)))}" '
        f'style="width:{width}px;height:{height}px;border:0"></iframe>' for p in pages)
    script = """
window.onload = function () {
  var out = [];
  document.querySelectorAll('iframe').forEach(function (f) {
    var doc = f.contentDocument, root = doc.documentElement, wide = [];
    doc.querySelectorAll('body *').forEach(function (e) {
      var r = e.getBoundingClientRect();
      if (r.right > root.clientWidth + 1 && wide.length < 5) { wide.push(e.tagName.toLowerCase() + '.' + e.className + ' ' + Math.round(r.right)); }
    });
    var first = doc.querySelector('ol.datasets li');
    out.push({page: f.dataset.p, scroll: root.scrollWidth, client: root.clientWidth,
              firstResult: first ? Math.round(first.getBoundingClientRect().top) : null, wide: wide});
  });
  document.getElementById('out').textContent = 'RESULT' + JSON.stringify(out) + 'END';
};"""
    doc = f"<!DOCTYPE html><html><body>{frames}<pre id=\"out\"></pre><script>{script}</script></body></html>"
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as f:
        f.write(doc)
    try:
        out = subprocess.run([CHROMIUM, *FLAGS, "--virtual-time-budget=15000", "--dump-dom", "file://" + f.name],
                             capture_output=True, text=True, timeout=300).stdout
    finally:
        os.unlink(f.name)
    m = re.search(r"RESULT(.*?)END", html.unescape(out), re.S)
    if not m:
        sys.exit("check-responsive: Chromium returned no measurements")
    return json.loads(m.group(1))


def screenshot(site, page, width, target):
    path = os.path.abspath(os.path.join(site, page))
    subprocess.run([CHROMIUM, *FLAGS, f"--window-size={width},{PHONE_HEIGHT if width < 800 else 900}",
                    f"--screenshot={target}", "file://" + path], capture_output=True, timeout=120)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    site, shots = sys.argv[1], sys.argv[2]
    os.makedirs(shots, exist_ok=True)
    pages = sample_pages(site)
    failures = []
    for width in WIDTHS:
        for r in measure(site, pages, width, PHONE_HEIGHT if width < 800 else 900):
            status = "ok"
            if r["scroll"] > r["client"]:
                status = "TOO WIDE"
                failures.append(f"{r['page']} at {width} px: page {r['scroll']} px wide, screen {r['client']} px; widest: {r['wide']}")
            if width < 800 and r["page"] == "index.html" and (r["firstResult"] is None or r["firstResult"] >= PHONE_HEIGHT):
                status = "RESULT BELOW THE FOLD"
                failures.append(f"index.html at {width} px: first dataset starts at {r['firstResult']} px, screen height {PHONE_HEIGHT} px")
            print(f"{width:>5} px  {r['page']:<70} width {r['scroll']}/{r['client']}  first result {r['firstResult']}  {status}")
            name = r["page"].replace("/", "_").removesuffix(".html")
            screenshot(site, r["page"], width, os.path.join(shots, f"{name}-{width}.png"))
    if failures:
        print("\n".join(["check-responsive: FAILED"] + failures))
        sys.exit(1)
    print(f"check-responsive: {len(pages)} pages at {', '.join(map(str, WIDTHS))} px fit the screen; screenshots in {shots}")


if __name__ == "__main__":
    main()
