#!/usr/bin/env python3
"""Scale the real CKAN fixtures to N synthetic package dicts for benchmarks (deterministic, seeded).

Templates are the real records in catalog/demo/ (Berlin 2014, Köln 2014/2015, GovData/Hamburg 2020) and the
GovData / ckanext-dcat package dicts under /work/shared/fixtures/ckan/ (if present). Each generated record is a
deep copy of a template, so field shapes (extras as a list or a dict, tags as strings or objects, JSON inside
strings, spatial extras, resources per dataset) keep the real variety. What changes per record: id, name,
title (gets a running number), identifier extras, URLs (a path segment is inserted after the host so landing
pages and download URLs are unique), dates, and — for a share of records — the licence (licence noise).

Two sources are written as JSON lines (`ckanapi dump datasets` format, loadable with ckan-local's load.py):
  OUT/source-a.jsonl  N - N//2 records
  OUT/source-b.jsonl  N//2 records, of which round(N * dup_share) are cross-source copies of source-a records
                      (same identifier and landing page; half also keep the CKAN id)
and OUT/sources.toml, a config with the two as `ckan-dump` sources.

Usage: generate-dump.py N OUT [--dup-share 0.1] [--seed 42] [--repo .]
"""
import argparse
import copy
import json
import os
import random
import sys
import uuid

FIXTURES = "/work/shared/fixtures/ckan"
DEMO_FILES = ["berlin-2014-12.json", "koeln-2014-11.json", "koeln-2015-01.json", "govdata-hamburg-2020.json"]
EXTRA_FILES = [
    "govdata/govdata-package_show-lgb-rlp.json",
    "govdata/govdata-package_show-hamburg-stadtgruen-2020.json",
    "ckanext-dcat-examples/ckan_dataset.json",
    "ckanext-dcat-examples/full_ckan_dataset_legacy.json",
]
# Vocabulary and licence IRIs are shared on purpose: never made unique.
SHARED_HOSTS = ("dcat-ap.de", "publications.europa.eu", "purl.org", "creativecommons.org", "opendefinition.org",
                "www.w3.org", "w3.org", "xmlns.com", "opendatacommons.org", "www.govdata.de/dl-de", "www.opendefinition.org")
LICENCE_NOISE = ["cc-by", "CC-BY-4.0", "cc-by-sa", "dl-de-by-2.0", "dl-by-de/2.0", "DL-DE->BY-2.0", "cc-zero", "CC0-1.0",
                 "odc-odbl", "other-open", "other-closed", "notspecified", "", "Creative Commons Namensnennung",
                 "http://dcat-ap.de/def/licenses/dl-zero-de/2.0", "https://creativecommons.org/licenses/by/4.0/", "gfdl"]
URL_KEYS = {"url", "access_url", "download_url", "landingPage", "landing_page", "uri", "source", "dcat_identifier",
            "guid", "contact_uri", "publisher_url", "homepage", "documentation", "related_resource", "resource_url"}
ID_KEYS = {"identifier", "dcat_identifier", "guid", "ogdd_identifier"}


def packages(value):
    """Package dicts in a fixture file (array, API envelope, package_search page or a single dict)."""
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    if isinstance(value, dict):
        if "success" in value or "help" in value:
            return packages(value.get("result"))
        if isinstance(value.get("results"), list):
            return packages(value["results"])
        return [value]
    return []


def load_templates(repo):
    templates = []
    for name in DEMO_FILES:
        with open(os.path.join(repo, "catalog", "demo", name), encoding="utf-8") as f:
            templates += packages(json.load(f))
    for name in EXTRA_FILES:
        path = os.path.join(FIXTURES, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                templates += packages(json.load(f))
    if not templates:
        sys.exit("no templates found")
    return templates


def uniquify_url(s, tag):
    """Insert /tag after the host of an http(s) URL, unless it is a shared vocabulary/licence IRI."""
    if not isinstance(s, str) or not s.startswith(("http://", "https://")):
        return s
    scheme_end = s.index("//") + 2
    slash = s.find("/", scheme_end)
    host = s[scheme_end:] if slash < 0 else s[scheme_end:slash]
    if any(host == h or (host + s[slash:]).startswith(h) for h in SHARED_HOSTS if "/" in h) or host in SHARED_HOSTS:
        return s
    return s + "/" + tag if slash < 0 else s[:slash] + "/" + tag + s[slash:]


def rewrite(value, tag, new_id):
    """Walk a package dict: unique URLs under URL-ish keys, new identifiers under identifier keys."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in ID_KEYS and isinstance(v, str) and v:
                out[k] = uniquify_url(v, tag) if v.startswith("http") else new_id
            elif k in URL_KEYS and isinstance(v, str):
                out[k] = uniquify_url(v, tag)
            else:
                out[k] = rewrite(v, tag, new_id)
        # extras as a list of {key, value}
        if isinstance(out.get("key"), str) and "value" in out and isinstance(out["value"], str):
            if out["key"] in ID_KEYS and out["value"]:
                out["value"] = uniquify_url(out["value"], tag) if out["value"].startswith("http") else new_id
            elif out["key"] in URL_KEYS:
                out["value"] = uniquify_url(out["value"], tag)
        return out
    if isinstance(value, list):
        return [rewrite(v, tag, new_id) for v in value]
    return value


def make_uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def generate(templates, rng, n, source_tag, start):
    """One synthetic record from a random template."""
    t = templates[rng.randrange(len(templates))]
    rid = make_uuid(rng)
    tag = f"{source_tag}{start}"
    rec = rewrite(copy.deepcopy(t), tag, rid)
    rec["id"] = rid
    base = rec.get("name") if isinstance(rec.get("name"), str) else "dataset"
    rec["name"] = f"{base[:80]}-{tag}".lower()
    title = rec.get("title") if isinstance(rec.get("title"), str) else "Datensatz"
    rec["title"] = f"{title} {start}"  # a number in the title: the fuzzy rule's number veto keeps copies apart
    year = 2010 + rng.randrange(15)
    rec["metadata_modified"] = f"{year}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00.000000"
    if rng.random() < 0.2:  # licence noise
        rec["license_id"] = LICENCE_NOISE[rng.randrange(len(LICENCE_NOISE))]
    return rec


def duplicate(rec, rng, keep_id):
    """A cross-source copy: same identifier and landing page, another CKAN record (different name, date)."""
    dup = copy.deepcopy(rec)
    if not keep_id:
        dup["id"] = make_uuid(rng)
    dup["name"] = (dup["name"][:90] + "-copy").lower()
    dup["metadata_modified"] = f"{2015 + rng.randrange(10)}-0{1 + rng.randrange(9)}-1{rng.randrange(9)}T08:00:00.000000"
    if rng.random() < 0.5 and isinstance(dup.get("title"), str):
        dup["title"] = dup["title"].upper()
    return dup


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--dup-share", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    args = ap.parse_args()
    repo = os.path.abspath(args.repo)
    rng = random.Random(args.seed)
    templates = load_templates(repo)
    os.makedirs(args.out, exist_ok=True)
    n_b = args.n // 2
    n_a = args.n - n_b
    n_dup = min(n_b, round(args.n * args.dup_share))
    a_records = []
    with open(os.path.join(args.out, "source-a.jsonl"), "w", encoding="utf-8") as fa:
        for i in range(n_a):
            rec = generate(templates, rng, args.n, "a", i)
            if i < n_dup:
                a_records.append(rec)
            fa.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(os.path.join(args.out, "source-b.jsonl"), "w", encoding="utf-8") as fb:
        for i in range(n_b):
            if i < n_dup:
                rec = duplicate(a_records[i], rng, keep_id=(i % 2 == 0))
            else:
                rec = generate(templates, rng, args.n, "b", i)
            fb.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
    catalog = os.path.join(repo, "catalog")
    with open(os.path.join(args.out, "sources.toml"), "w", encoding="utf-8") as f:
        f.write(f"""# Generated by scripts/generate-dump.py {args.n} (seed {args.seed}, dup share {args.dup_share}).
[catalog]
title = "Benchmark"
description = "Synthetic catalogue scaled from real CKAN fixtures."
base_uri = "https://example.org/bench"
vocabularies = "{catalog}/vocabularies"
licences = "{catalog}/licences.toml"

[catalog.publisher]
name = "Benchmark"

[harvest]
offline = true

[[source]]
id = "source-a"
title = "Source A"
kind = "ckan-dump"
path = "source-a.jsonl"
priority = 5

[[source]]
id = "source-b"
title = "Source B"
kind = "ckan-dump"
path = "source-b.jsonl"
priority = 1
""")
    print(f"{args.out}: {n_a} + {n_b} records ({n_dup} cross-source duplicates), {len(templates)} templates", file=sys.stderr)


if __name__ == "__main__":
    main()
