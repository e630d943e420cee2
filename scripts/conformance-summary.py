#!/usr/bin/env python3
"""Markdown summary of `opendata validate --json` output (for docs/conformance.md).
usage: opendata validate --json FILE > v.json; scripts/conformance-summary.py v.json"""
import json, sys

SHORT = [("http://purl.org/dc/terms/", "dct:"), ("http://www.w3.org/ns/dcat#", "dcat:"), ("http://dcat-ap.de/def/dcatde/", "dcatde:")]


def short(s):
    for ns, p in SHORT:
        if s.startswith(ns):
            return p + s[len(ns):]
    return s if s.startswith("http") else "(node)"


v = json.load(open(sys.argv[1], encoding="utf-8"))
print(f"file `{v['file']}`")
print()
print("| shape set | violations | warnings | infos |")
print("|---|---|---|---|")
for name, s in sorted(v["sets"].items()):
    print(f"| {name} | {s['violations']} | {s['warnings']} | {s['infos']} |")
for name, s in sorted(v["sets"].items()):
    if not s["groups"]:
        continue
    print()
    print(f"{name}, results by shape:")
    print()
    print("| count | severity | path | shape | example |")
    print("|---|---|---|---|---|")
    for g in s["groups"]:
        print(f"| {g['count']} | {g['severity']} | `{short(g['path'])}` | `{short(g['shape'])}` | {g['example']} |")

# Optional: where the warnings come from, per source (second argument: the run's output folder).
if len(sys.argv) > 2:
    import collections, os
    from rdflib import Graph, Namespace, RDF
    DCAT, DCT = Namespace("http://www.w3.org/ns/dcat#"), Namespace("http://purl.org/dc/terms/")
    out = sys.argv[2]
    g = Graph()
    g.parse(os.path.join(out, "catalog.ttl"), format="turtle")

    def src(iri):
        s = str(iri)
        return s.split("/dataset/")[1].split("/")[0] if "/dataset/" in s else "?"

    rows = collections.defaultdict(collections.Counter)
    for d in g.subjects(RDF.type, DCAT.Dataset):
        rows[src(d)]["datasets"] += 1
        if (d, DCAT.theme, None) not in g:
            rows[src(d)]["no dcat:theme"] += 1
        if (d, DCAT.landingPage, None) not in g:
            rows[src(d)]["no dcat:landingPage"] += 1
    for x in g.subjects(RDF.type, DCAT.Distribution):
        rows[src(x)]["distributions"] += 1
        if (x, DCT.title, None) not in g:
            rows[src(x)]["distribution without dct:title"] += 1
    for loc in g.subjects(RDF.type, DCT.Location):
        if (loc, DCAT.bbox, None) not in g and (loc, DCAT.centroid, None) not in g and "#" not in str(loc):
            rows["(shared place IRIs)"]["dct:Location without bbox/centroid/geometry"] += 1
    # Every finding (notes too) is in findings.jsonl; report.json lists only errors and the first warnings of each source and code.
    jsonl = os.path.join(out, "findings.jsonl")
    if os.path.exists(jsonl):
        findings = [json.loads(line) for line in open(jsonl, encoding="utf-8") if line.strip()]
    else:
        findings = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))["findings"]
    for f in findings:
        if f["code"] == "url.unusable" and f.get("field") == "url":
            raw = f["message"].split("'")[1] if "'" in f["message"] else ""
            key = "landing page dropped: no scheme (www.…)" if raw.lower().startswith("www.") else "landing page dropped: other"
            rows[f["source"]][key] += 1
    cols = ["datasets", "no dcat:theme", "no dcat:landingPage", "landing page dropped: no scheme (www.…)",
            "landing page dropped: other", "distributions", "distribution without dct:title",
            "dct:Location without bbox/centroid/geometry"]
    print()
    print(f"Per source (from `{out}/catalog.ttl` and `report.json`):")
    print()
    print("| source | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for s in sorted(rows):
        print(f"| {s} | " + " | ".join(str(rows[s][c]) for c in cols) + " |")
