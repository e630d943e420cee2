// Generated from scripts/shacl_validate.py — keep equal (SHACLScriptTests checks it).
// Embedded so that `opendata validate` works from any folder, without the repository's scripts/.

package enum SHACLScript {
    package static let source = #"""
#!/usr/bin/env python3
"""SHACL validation of a DCAT catalogue against the shape sets shipped in catalog/shacl/.

usage: shacl_validate.py DATA_FILE SHACL_DIR SET [SET ...]     (SET: dcat-ap-de | dcat-ap-3)
Prints one JSON object on stdout: per set the counts by severity and the results grouped by
(severity, source shape, path, message) with a count and one example focus node.
`opendata validate` embeds this same script (Sources/CatalogIO/Validate/SHACLScript.swift); keep them equal
(a test checks it).
"""
import collections, json, pathlib, sys

from pyshacl import validate
from rdflib import Graph, Namespace

SH = Namespace("http://www.w3.org/ns/shacl#")
SETS = {"dcat-ap-de": "dcat-ap-de-2.0", "dcat-ap-3": "dcat-ap-3.0.0"}


def parse_into(graph, path):
    suffix = path.suffix.lower()
    fmt = {".rdf": "xml", ".xml": "xml", ".owl": "xml", ".jsonld": "json-ld", ".ttl": "turtle", ".nt": "nt"}.get(suffix)
    if fmt is None:
        return False
    graph.parse(str(path), format=fmt)
    return True


def shapes_for(shacl_dir, name):
    graph = Graph()
    for path in sorted((shacl_dir / SETS[name]).glob("*.ttl")):
        if "imports" in path.name:  # owl:imports point to remote URLs; the ontologies are loaded offline instead
            continue
        parse_into(graph, path)
    # dcat-ap-reasonable-ranges.ttl has one sh:property node without sh:path, which pyshacl rejects:
    # drop such nodes (they cannot constrain anything).
    for shape, prop in list(graph.subject_objects(SH.property)):
        if (prop, SH.path, None) not in graph:
            graph.remove((shape, SH.property, prop))
    return graph


def main():
    data_file, shacl_dir, names = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3:]
    data = Graph()
    parse_into(data, data_file)
    triples = len(data)
    for vocab in sorted((shacl_dir / "vocabularies").iterdir()):
        parse_into(data, vocab)
    ontologies = Graph()
    for onto in sorted((shacl_dir / "ontology").iterdir()):
        parse_into(ontologies, onto)
    out = {"file": str(data_file), "triples": triples, "sets": {}}
    for name in names:
        _, results, _ = validate(data, shacl_graph=shapes_for(shacl_dir, name), ont_graph=ontologies,
                                 inference="none", abort_on_first=False, allow_warnings=True)
        counts = collections.Counter()
        groups = {}
        for r in results.subjects(SH.resultSeverity, None):
            severity = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
            counts[severity] += 1
            key = (severity, str(results.value(r, SH.sourceShape) or ""), str(results.value(r, SH.resultPath) or ""),
                   str(results.value(r, SH.resultMessage) or ""))
            group = groups.setdefault(key, {"severity": severity, "shape": key[1], "path": key[2], "message": key[3],
                                            "count": 0, "example": None})
            group["count"] += 1
            focus = str(results.value(r, SH.focusNode))
            if group["example"] is None or focus < group["example"]:
                group["example"] = focus
        ordered = sorted(groups.values(), key=lambda g: (-g["count"], g["severity"], g["path"], g["shape"]))
        out["sets"][name] = {"violations": counts["Violation"], "warnings": counts["Warning"], "infos": counts["Info"],
                             "groups": ordered}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
"""#
}
