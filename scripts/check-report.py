#!/usr/bin/env python3
"""Checks a run's report.json for internal consistency: every record is accounted for.

usage: check-report.py report.json [--expect-status done] [--expect-validated PROFILE ...]
published datasets = fetched − rejected − merged by deduplication, per source and in total; every rejected
record has an error finding naming its source and record; the catalogue files hold exactly that many datasets.
"""
import json, sys, pathlib, collections

path = pathlib.Path(sys.argv[1])
r = json.loads(path.read_text(encoding="utf-8"))
t = r["totals"]
errors = []
for s in r["sources"]:
    if s["mode"] == "skipped":
        continue
    if s["fetched"] != s["mapped"] + s["rejected"]:
        errors.append(f"source {s['id']}: fetched {s['fetched']} != mapped {s['mapped']} + rejected {s['rejected']}")
if t["fetched"] != t["mapped"] + t["rejected"]:
    errors.append(f"totals: fetched {t['fetched']} != mapped {t['mapped']} + rejected {t['rejected']}")
if t["datasets"] != t["fetched"] - t["rejected"] - t["mergedAway"]:
    errors.append(f"totals: datasets {t['datasets']} != fetched − rejected − mergedAway")
rejects = collections.Counter()
for f in r["findings"]:
    if f["code"] == "record.rejected":
        if not f.get("recordID"):
            errors.append(f"rejection without record id: {f}")
        rejects[f["source"]] += 1
for s in r["sources"]:
    if rejects[s["id"]] != s["rejected"]:
        errors.append(f"source {s['id']}: {s['rejected']} rejected but {rejects[s['id']]} record.rejected findings")
csv_rows = sum(1 for _ in open(path.parent / "datasets.csv", encoding="utf-8")) - 1
if "--no-csv-count" not in sys.argv and csv_rows != t["datasets"]:
    # CSV cells may contain newlines: count with the csv module instead
    import csv
    with open(path.parent / "datasets.csv", encoding="utf-8", newline="") as fh:
        csv_rows = sum(1 for _ in csv.reader(fh)) - 1
    if csv_rows != t["datasets"]:
        errors.append(f"datasets.csv has {csv_rows} rows, report says {t['datasets']} datasets")
if "--expect-status" in sys.argv:
    want = sys.argv[sys.argv.index("--expect-status") + 1]
    if r["status"] != want:
        errors.append(f"status {r['status']}, expected {want}")
if "--expect-validated" in sys.argv:
    # The run validated catalog.ttl (`opendata run --validate`): each named profile ran, with 0 violations, and
    # the report's counts equal validierung.json's.
    wanted = [a for a in sys.argv[sys.argv.index("--expect-validated") + 1:] if not a.startswith("--")]
    section = r["sections"].get("validation", {})
    full = json.loads((path.parent / "validierung.json").read_text(encoding="utf-8"))
    for name in wanted:
        counts = section.get("profiles", {}).get(name)
        if counts is None:
            errors.append(f"validation: profile {name} did not run ({section.get('reason', 'no validation section')})")
        elif counts["violations"] != 0:
            errors.append(f"validation: {counts['violations']} violations under {name}")
        elif counts["violations"] != full["sets"][name]["violations"] or counts["warnings"] != full["sets"][name]["warnings"]:
            errors.append(f"validation: report.json and validierung.json disagree on {name}")
        elif name == "hvd" and (not full["sets"][name].get("scope") or len(full["sets"][name]["scope"]) != r["sections"].get("hvd", {}).get("datasets")):
            errors.append("validation: hvd checked other datasets than the run's high-value datasets (report.json sections.hvd)")
        else:
            print(f"validation {name}: violations=0 warnings={counts['warnings']} failed={counts.get('failedChecks', 0)}"
                  + (f" high-value datasets checked={len(full['sets'][name]['scope'])}" if name == "hvd" else ""))
print(f"report: status={r['status']} fetched={t['fetched']} rejected={t['rejected']} mergedAway={t['mergedAway']} "
      f"datasets={t['datasets']} distributions={t['distributions']} findings={t['findings']}")
for e in errors:
    print("FAIL:", e)
sys.exit(1 if errors else 0)
