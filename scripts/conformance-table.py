#!/usr/bin/env python3
"""Regenerates the side-by-side conformance table of docs/conformance.md (issue 17 item 5).

usage: conformance-table.py OPENDATA_BINARY [--write docs/conformance.md] [--demo-out DIR]

Rows: our merged demo catalogue; each real portal catalogue of Tests/Fixtures/dcat-rdf/real-portals/ as the portal
publishes it and as we publish it after harvesting that file alone (kind = "dcat"); ckanext-dcat's and
ckanext-dcatde's own example output. Columns: violations and warnings under GovData's `v30_de_spec` and SEMIC's
DCAT-AP 3.0.1, failed checks of GovData's `dashboard_live` — all from `opendata validate --json` (pyshacl with the
shapes in catalog/shacl). With --write the table replaces the block between the conformance-table markers.
"""
import json, pathlib, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
PORTALS = ROOT / "Tests/Fixtures/dcat-rdf/real-portals"
EXAMPLES = ROOT / "Tests/Fixtures/dcat-rdf/spec-examples"
PROFILES = ["v30_de_spec", "dcat-ap-3.0.1", "dashboard_live"]
BEGIN, END = "<!-- conformance-table:begin -->", "<!-- conformance-table:end -->"


def validate(binary, path):
    args = [binary, "validate", "--json", "--shacl-dir", str(ROOT / "catalog/shacl"), str(path)]
    for p in PROFILES:
        args += ["--profile", p]
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode == 2:
        sys.exit(f"validation of {path} could not run:\n{run.stderr[-800:]}")
    report, _ = json.JSONDecoder().raw_decode(run.stdout[run.stdout.index("{"):])
    return report["triples"], {name: report["sets"][name] for name in PROFILES}


def harvest(binary, rdf, work):
    """Our catalogue from one real portal file alone, as `opendata run` publishes it: configured like the demo's
    sources (published by the Stadt Aachen, passed on through Open.NRW: GovData's contributor ID openNRW)."""
    config = work / f"{rdf.stem}.toml"
    config.write_text(f'''[catalog]
title = "Konformität: {rdf.stem}"
description = "Nur {rdf.name}"
base_uri = "https://offenedaten.aachen.de/katalog"
vocabularies = "{ROOT / 'catalog/vocabularies'}"
licences = "{ROOT / 'catalog/licences.toml'}"
geo = "{ROOT / 'catalog/geo'}"
[catalog.publisher]
name = "Stadt Aachen"
[[source]]
id = "{rdf.stem.split('-')[0]}"
title = "{rdf.stem}"
kind = "dcat"
path = "{rdf}"
[source.defaults]
contributor_id = ["http://dcat-ap.de/def/contributors/openNRW"]
''', encoding="utf-8")
    out = work / rdf.stem
    subprocess.run([binary, "run", "--config", str(config), "--out", str(out), "--quiet"], check=False, capture_output=True)
    return out / "catalog.ttl"


def row(label, triples, sets):
    v30, ap, dash = (sets[p] for p in PROFILES)
    return f"| {label} | {triples:,} | {v30['violations']} | {v30['warnings']} | {ap['violations']} | {ap['warnings']} | {dash['failed']} |"


def main():
    binary = sys.argv[1]
    demo = pathlib.Path(sys.argv[sys.argv.index("--demo-out") + 1]) if "--demo-out" in sys.argv else None
    rows = ["| catalogue | triples | v30_de_spec violations | v30_de_spec warnings | DCAT-AP 3.0.1 violations | DCAT-AP 3.0.1 warnings | dashboard_live failed |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        if demo is None:
            demo = work / "demo"
            subprocess.run([binary, "run", "--out", str(demo), "--quiet"], check=True, capture_output=True, cwd=ROOT)
        rows.append(row("**ours: the merged demo**", *validate(binary, demo / "catalog.ttl")))
        for rdf in sorted(PORTALS.glob("*.rdf")):
            rows.append(row(f"{rdf.stem} as published", *validate(binary, rdf)))
            rows.append(row(f"**ours: {rdf.stem} harvested alone**", *validate(binary, harvest(binary, rdf, work))))
        for name in ["ckanext-dcat-catalog.rdf", "ckanext-dcatde-metadata_max.rdf"]:
            rows.append(row(f"{pathlib.Path(name).stem} (extension's own output)", *validate(binary, EXAMPLES / name)))
    table = "\n".join(rows)
    print(table)
    if "--write" in sys.argv:
        doc = pathlib.Path(sys.argv[sys.argv.index("--write") + 1])
        text = doc.read_text(encoding="utf-8")
        start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
        doc.write_text(text[:start] + "\n" + table + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
