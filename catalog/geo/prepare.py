#!/usr/bin/env python3
"""One-off preparation of catalog/geo/*.geojson from the BKG boundaries in ../shared/fixtures/geo/.

Not run by the build or by `opendata run`; see README.md in this folder for the exact commands.
Geometry: VG5000 municipalities (Stand 01.01.2021), reprojected to WGS84 with ogr2ogr beforehand; Kreise and
Länder are the union of their municipalities (ARS prefix 5 and 2). Names and kinds of Kreise and Länder:
VG250 (31.12.2018). Every geometry is simplified, snapped to a 1e-5 degree grid (5 decimals), oriented
counter-clockwise (RFC 7946 right-hand rule) and checked with shapely's is_valid.
"""
import json
import sys
from collections import defaultdict

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient

GRID = 1e-5
TOLERANCE = {"land": 0.004, "kreis": 0.002, "gemeinde": 0.0008}


def clean(geom, level):
    g = geom.simplify(TOLERANCE[level], preserve_topology=True)
    g = shapely.set_precision(g, GRID)
    g = shapely.make_valid(g) if not g.is_valid else g
    polys = [p for p in getattr(g, "geoms", [g]) if p.geom_type == "Polygon" and not p.is_empty]
    polys = [orient(p, sign=1.0) for p in polys]
    g = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
    assert g.is_valid, (level, shapely.is_valid_reason(g))
    return g


def rounded(o):
    if isinstance(o, float):
        return round(o, 5)
    if isinstance(o, (list, tuple)):
        return [rounded(x) for x in o]
    return o


def feature(key, name, kind, level, geom, ags=None):
    gj = mapping(geom)
    geometry = {"type": gj["type"], "coordinates": rounded(gj["coordinates"])}
    assert shape(geometry).is_valid and shape(geometry).equals(geom), key
    props = {"ars": key, "name": name, "bez": kind, "ebene": level}
    if ags:
        props["ags"] = ags
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write(path, features):
    doc = {"type": "FeatureCollection", "features": sorted(features, key=lambda f: f["properties"]["ars"])}
    with open(path, "w", encoding="utf-8") as out:
        json.dump(doc, out, ensure_ascii=False, separators=(",", ":"))
        out.write("\n")


def main(vg5000_wgs84, laender_vg250, kreise_vg250, outdir):
    gem = [f for f in json.load(open(vg5000_wgs84))["features"]]
    names = {}
    for path in (laender_vg250, kreise_vg250):
        for f in json.load(open(path))["features"]:
            p = f["properties"]
            if p["GF"] == 4:
                names[p["RS"]] = (p["GEN"], p["BEZ"])
    parts = {"land": defaultdict(list), "kreis": defaultdict(list)}
    nrw = []
    for f in gem:
        p = f["properties"]
        g = shape(f["geometry"])
        parts["land"][p["ARS"][:2]].append(g)
        parts["kreis"][p["ARS"][:5]].append(g)
        if p["ARS"].startswith("05"):
            nrw.append(feature(p["ARS"], p["GEN"], p["BEZ"], "gemeinde", clean(g, "gemeinde"), p["AGS"]))
    for level, file in (("land", "laender.geojson"), ("kreis", "kreise.geojson")):
        feats = []
        for key, geoms in parts[level].items():
            name, kind = names[key]
            feats.append(feature(key, name, kind, level, clean(shapely.union_all(geoms), level)))
        write(f"{outdir}/{file}", feats)
    write(f"{outdir}/gemeinden-nrw.geojson", nrw)


if __name__ == "__main__":
    main(*sys.argv[1:5])
