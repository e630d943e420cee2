#!/usr/bin/env python3
"""Helper of scripts/compare-ckanext-dcat.sh.

  compare_ckanext_dcat.py fetch BASE_URL PROFILE OUT.ttl
      Fetches BASE_URL/catalog.ttl?profiles=PROFILE page by page (following hydra:next until there is none),
      merges the pages into one graph without the hydra paging triples, and writes OUT.ttl.
  compare_ckanext_dcat.py table LABEL_A FILE_A LABEL_B FILE_B RESULTS_DIR
      Prints a side-by-side Markdown table: datasets, distributions, triples, and the check.py results
      (RESULTS_DIR/{A,B}-{de2,ap3}.out/.err) with the top violation paths of each side.
"""
import sys
import urllib.request

from rdflib import Graph, Namespace, RDF

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")


def fetch(base, profile, out):
    merged = Graph()
    url = f"{base.rstrip('/')}/catalog.ttl?profiles={profile}&page=1"
    pages = 0
    seen = set()
    while url and url not in seen and pages < 1000:
        seen.add(url)
        with urllib.request.urlopen(url, timeout=120) as r:
            body = r.read()
        g = Graph()
        g.parse(data=body, format="turtle")
        pages += 1
        nxt = None
        for coll in set(g.subjects(RDF.type, HYDRA.PagedCollection)) | set(g.subjects(RDF.type, HYDRA.PartialCollectionView)):
            n = g.value(coll, HYDRA.nextPage) or g.value(coll, HYDRA.next)
            if n is not None:
                nxt = str(n)
            # Paging triples describe this page, not the catalogue: leave them out of the merged graph.
            for t in list(g.triples((coll, None, None))):
                g.remove(t)
        for t in g:
            merged.add(t)
        for p, ns in g.namespaces():
            merged.bind(p, ns, override=False)
        # ckanext-dcat writes page links with the site URL; keep our query (profile) on them.
        if nxt and "profiles=" not in nxt:
            nxt += ("&" if "?" in nxt else "?") + f"profiles={profile}"
        url = nxt
    merged.serialize(destination=out, format="turtle")
    n = len(set(merged.subjects(RDF.type, DCAT.Dataset)))
    print(f"fetched {pages} page(s), {n} datasets, {len(merged)} triples -> {out}", file=sys.stderr)


def counts(path):
    g = Graph()
    g.parse(path, format="turtle")
    return (len(set(g.subjects(RDF.type, DCAT.Dataset))), len(set(g.subjects(RDF.type, DCAT.Distribution))), len(g))


def result(results, side, kind):
    out = open(f"{results}/{side}-{kind}.out", encoding="utf-8").read().strip().splitlines()
    last = out[-1] if out else "violations=? warnings=? infos=?"
    vals = dict(kv.split("=") for kv in last.split() if "=" in kv)
    paths = []
    for line in open(f"{results}/{side}-{kind}.err", encoding="utf-8"):
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit():
            paths.append((int(parts[0]), short(parts[1])))
    return vals, paths


def short(iri):
    for ns, p in [("http://purl.org/dc/terms/", "dct:"), ("http://www.w3.org/ns/dcat#", "dcat:"),
                  ("http://xmlns.com/foaf/0.1/", "foaf:"), ("http://www.w3.org/2006/vcard/ns#", "vcard:"),
                  ("http://www.w3.org/ns/locn#", "locn:"), ("http://www.w3.org/2004/02/skos/core#", "skos:"),
                  ("http://www.w3.org/ns/adms#", "adms:"), ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"),
                  ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"), ("http://dcat-ap.de/def/dcatde/", "dcatde:"),
                  ("http://www.w3.org/ns/prov#", "prov:"), ("http://spdx.org/rdf/terms#", "spdx:"),
                  ("http://data.europa.eu/r5r/", "dcatap:"), ("http://www.w3.org/2002/07/owl#", "owl:")]:
        if iri.startswith(ns):
            return p + iri[len(ns):]
    return iri


def table(label_a, file_a, label_b, file_b, results):
    ca, cb = counts(file_a), counts(file_b)
    print(f"| | {label_a} | {label_b} |")
    print("|---|---|---|")
    print(f"| datasets | {ca[0]} | {cb[0]} |")
    print(f"| distributions | {ca[1]} | {cb[1]} |")
    print(f"| triples | {ca[2]} | {cb[2]} |")
    tops = {}
    for kind, name in [("de2", "DCAT-AP.de 2.0"), ("ap3", "DCAT-AP 3.0.0")]:
        va, pa = result(results, "a", kind)
        vb, pb = result(results, "b", kind)
        for key in ["violations", "warnings", "infos"]:
            print(f"| {name} {key} | {va.get(key, '?')} | {vb.get(key, '?')} |")
        tops[name] = (pa, pb)
    for name, (pa, pb) in tops.items():
        print()
        print(f"Top violation paths, {name}:")
        print()
        print(f"| {label_a} | {label_b} |")
        print("|---|---|")
        for i in range(max(len(pa), len(pb), 1)):
            a = f"{pa[i][0]} `{pa[i][1]}`" if i < len(pa) else ("(none)" if i == 0 else "")
            b = f"{pb[i][0]} `{pb[i][1]}`" if i < len(pb) else ("(none)" if i == 0 else "")
            print(f"| {a} | {b} |")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "fetch":
        fetch(*sys.argv[2:5])
    elif len(sys.argv) == 7 and sys.argv[1] == "table":
        table(*sys.argv[2:7])
    else:
        sys.exit(__doc__)
