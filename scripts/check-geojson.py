#!/usr/bin/env python3
"""Checks datasets.geojson of an export folder: RFC 7946 and OGC validity of every geometry.

usage: scripts/check-geojson.py OUTDIR
needs: pip install shapely==2.2.0 geojson==3.3.0

Every feature: a GeoJSON object the geojson package accepts; a geometry shapely judges valid (as PostGIS
ST_IsValid); WGS 84 lon/lat ranges; exterior rings counter-clockwise and holes clockwise (RFC 7946 right-hand
rule); no `crs` member. And: at least as many features as datasets.csv has datasets with a political geocoding
(every such dataset gets the outline of its area, or has a geometry of its own). Exits non-zero on any failure.
"""
import csv
import json
import sys

import geojson
import shapely
from shapely.geometry import shape


def rings(geometry):
    t, c = geometry["type"], geometry.get("coordinates")
    if t == "Polygon":
        yield from ((i == 0, r) for i, r in enumerate(c))
    elif t == "MultiPolygon":
        for p in c:
            yield from ((i == 0, r) for i, r in enumerate(p))
    elif t == "GeometryCollection":
        for g in geometry["geometries"]:
            yield from rings(g)


def positions(c):
    if isinstance(c, list) and c and isinstance(c[0], (int, float)):
        yield c
    elif isinstance(c, list):
        for x in c:
            yield from positions(x)


def signed_area(ring):
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:])) / 2


def main(out):
    text = open(f"{out}/datasets.geojson", encoding="utf-8").read()
    doc = json.loads(text)
    problems = []
    if doc.get("type") != "FeatureCollection":
        problems.append("not a FeatureCollection")
    if "crs" in doc:
        problems.append("has a crs member (RFC 7946 §4: WGS 84 only, no crs)")
    parsed = geojson.loads(text)
    if not parsed.is_valid:
        problems.append(f"geojson: {parsed.errors()}")
    features = doc.get("features", [])
    sources = {}
    for f in features:
        fid = f.get("id")
        g = f.get("geometry")
        if f.get("type") != "Feature" or not g:
            problems.append(f"{fid}: not a Feature with a geometry")
            continue
        sources[f["properties"].get("geometry_source")] = sources.get(f["properties"].get("geometry_source"), 0) + 1
        geom = shape(g)
        if not geom.is_valid:
            problems.append(f"{fid}: invalid geometry ({shapely.is_valid_reason(geom)})")
        for p in positions(g.get("coordinates", [])):
            if not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90) or len(p) < 2:
                problems.append(f"{fid}: position {p} outside WGS 84 lon/lat")
                break
        for exterior, r in rings(g):
            a = signed_area(r)
            if (a > 0) != exterior:
                problems.append(f"{fid}: {'exterior' if exterior else 'interior'} ring is {'clockwise' if a < 0 else 'counter-clockwise'} (RFC 7946 §3.1.6)")
                break
    with open(f"{out}/datasets.csv", encoding="utf-8", newline="") as fh:
        geocoded = sum(1 for row in csv.DictReader(fh) if row.get("political_geocoding", "").strip())
    if len(features) < geocoded:
        problems.append(f"{len(features)} features, fewer than the {geocoded} datasets with a political geocoding")
    for p in problems[:40]:
        print("FAIL", p)
    summary = ", ".join(f"{k}={v}" for k, v in sorted(sources.items(), key=lambda kv: str(kv[0])))
    print(f"{'FAIL' if problems else 'OK'} datasets.geojson: {len(features)} features ({summary}), {geocoded} datasets with a political geocoding, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
