#!/usr/bin/env python3
"""SHACL validation of a DCAT catalogue against the profiles shipped in catalog/shacl/ (see its README).

usage: shacl_validate.py DATA_FILE SHACL_DIR PROFILE [PROFILE ...]
PROFILE: v30_de_spec | v20_de_spec | dashboard_live | dcat-ap-3.0.0 | dcat-ap-3.0.1 | hvd
Prints one JSON object on stdout: per profile the counts by severity (a dashboard result with GovData's own
severity is one failed check), the results grouped by (severity, source shape, path, message) with a count and
one example focus node, and the results per dataset (each focus node traced up to its dcat:Dataset). Messages
are German where the shapes carry a German sh:message.
`opendata validate` embeds this same script (Sources/CatalogIO/Validate/SHACLScript.swift); keep them equal
(a test checks it).
"""
import collections, json, pathlib, sys

from pyshacl import validate
from rdflib import Graph, Literal, Namespace, RDF, URIRef

SH = Namespace("http://www.w3.org/ns/shacl#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
HVD_REGULATION = URIRef("http://data.europa.eu/eli/reg_impl/2023/138/oj")
# profile: (shape files, extra vocabularies from vocabularies-extra/, vocabularies/ files left out)
PROFILES = {
    # The dcat-ap.de 1.0.2 lists describe themselves with dcterms:isVersionOf, which the 3.0 shapes flag as
    # deprecated on whatever carries it: loaded, they would report the vocabulary, not the catalogue.
    "v30_de_spec": (["dcat-ap-3.0.0/dcat-ap-SHACL.ttl", "dcat-ap-de-3.0/*.ttl"], ["adms-skos-v1.00.rdf"], ["dcat-ap-de-1.0.2-lists.ttl"]),
    "v20_de_spec": (["dcat-ap-de-2.0/*.ttl"], [], []),
    "dashboard_live": (["govdata-dashboard-live/db-shapes.ttl"], [], []),
    "dcat-ap-3.0.0": (["dcat-ap-3.0.0/dcat-ap-SHACL.ttl"], [], []),
    "dcat-ap-3.0.1": (["dcat-ap-3.0.1/dcat-ap-SHACL.ttl"], [], []),
    "hvd": (["dcat-ap-hvd-3.0.0/hvd-SHACL-full.ttl"], ["high-value-dataset-category-2.1.rdf"], []),
}
STANDARD = ("Violation", "Warning", "Info")


def parse_into(graph, path):
    suffix = path.suffix.lower()
    fmt = {".rdf": "xml", ".xml": "xml", ".owl": "xml", ".jsonld": "json-ld", ".ttl": "turtle", ".nt": "nt"}.get(suffix)
    if fmt is None:
        return False
    graph.parse(str(path), format=fmt)
    return True


def shapes_for(shacl_dir, profile):
    graph = Graph()
    for pattern in PROFILES[profile][0]:
        for path in sorted(shacl_dir.glob(pattern)):
            if "imports" in path.name:  # owl:imports point to remote URLs; the ontologies are loaded offline instead
                continue
            parse_into(graph, path)
    # dcat-ap-reasonable-ranges.ttl has one sh:property node without sh:path, which pyshacl rejects:
    # drop such nodes (they cannot constrain anything).
    for shape, prop in list(graph.subject_objects(SH.property)):
        if (prop, SH.path, None) not in graph:
            graph.remove((shape, SH.property, prop))
    return graph


def owners(data):
    """Each node of the catalogue's own triples → the dcat:Datasets it belongs to (via any chain of subjects).
    A node several datasets share (a licence document, a publisher) belongs to each of them: a GovData dashboard
    check on a distribution's licence reports the licence as its focus node, and every dataset whose
    distributions use that licence fails it."""
    datasets = set(data.subjects(RDF.type, DCAT.Dataset))
    parents = collections.defaultdict(set)
    for s, _, o in data:
        if not isinstance(o, Literal) and o != s:
            parents[o].add(s)
    def owner(node):
        found, seen, todo = set(), {node}, [node]
        while todo and len(seen) < 100000:
            current = todo.pop()
            if current in datasets:
                found.add(str(current))
                continue
            for p in parents.get(current, ()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return sorted(found)
    return owner


def hvd_datasets(data):
    """The datasets that declare themselves high-value datasets (the regulation as dcatap:applicableLegislation,
    or a dcatap:hvdCategory). The HVD shapes target every dcat:Dataset, as if the file were an HVD-only
    catalogue; in a mixed catalogue only these datasets, and the nodes they own, are checked against them."""
    datasets = set(data.subjects(RDF.type, DCAT.Dataset))
    flagged = set(data.subjects(DCATAP.applicableLegislation, HVD_REGULATION)) | set(data.subjects(DCATAP.hvdCategory, None))
    return {str(d) for d in datasets & flagged}


def message(results, r):
    texts = list(results.objects(r, SH.resultMessage))
    for lang in ("de", None, "en"):
        for t in texts:
            if getattr(t, "language", None) == lang:
                return str(t)
    return str(texts[0]) if texts else ""


def run_profile(data, vocabularies, shacl_dir, profile, ontologies, owner):
    """`vocabularies`: the parsed files of vocabularies/ by name; each joins the data graph unless left out.
    `hvd` keeps only the results on high-value datasets and their nodes (`hvd_datasets`)."""
    scope = hvd_datasets(data) if profile == "hvd" else None
    graph = Graph()
    graph += data
    for name, vocab in vocabularies.items():
        if name not in PROFILES[profile][2]:
            graph += vocab
    for name in PROFILES[profile][1]:
        parse_into(graph, shacl_dir / "vocabularies-extra" / name)
    _, results, _ = validate(graph, shacl_graph=shapes_for(shacl_dir, profile), ont_graph=ontologies,
                             inference="none", abort_on_first=False, allow_warnings=True)
    counts = collections.Counter()
    groups, per_dataset, distinct = {}, {}, set()
    for r in results.subjects(SH.resultSeverity, None):
        severity = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        if severity.startswith("count_"):  # GovData dashboard tallies, not failed checks
            continue
        kind = severity if severity in STANDARD else "Failed"
        text = message(results, r)
        path = str(results.value(r, SH.resultPath) or "")
        key = (severity, str(results.value(r, SH.sourceShape) or ""), path, text)
        focus = results.value(r, SH.focusNode)
        owners = owner(focus)
        if scope is not None:
            owners = [d for d in owners if d in scope]
            if not owners:
                continue
        # pyshacl repeats a nested property shape's result once per node that reaches a shared focus node (each
        # distribution with the same licence): one result per shape, path, message and focus node.
        if (key, focus, str(results.value(r, SH.value))) in distinct:
            continue
        distinct.add((key, focus, str(results.value(r, SH.value))))
        counts[kind] += 1
        group = groups.setdefault(key, {"severity": severity, "shape": key[1], "path": path, "message": text,
                                        "count": 0, "example": None})
        group["count"] += 1
        if group["example"] is None or str(focus) < group["example"]:
            group["example"] = str(focus)
        for dataset in owners or [""]:
            entry = per_dataset.setdefault(dataset, {"dataset": dataset, "violations": 0, "warnings": 0, "failed": 0,
                                                     "results": collections.Counter()})
            field = {"Violation": "violations", "Warning": "warnings", "Failed": "failed"}.get(kind)
            if field:
                entry[field] += 1
            entry["results"][(severity, path, text)] += 1
    datasets = []
    for name in sorted(per_dataset):
        e = per_dataset[name]
        e["results"] = [{"severity": s, "path": p, "message": m, "count": n}
                        for (s, p, m), n in sorted(e["results"].items())]
        datasets.append(e)
    ordered = sorted(groups.values(), key=lambda g: (-g["count"], g["severity"], g["path"], g["shape"]))
    out = {"violations": counts["Violation"], "warnings": counts["Warning"], "infos": counts["Info"],
           "failed": counts["Failed"], "groups": ordered, "datasets": datasets}
    if scope is not None:
        out["scope"] = sorted(scope)
    return out


def main():
    data_file, shacl_dir, names = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3:]
    unknown = [n for n in names if n not in PROFILES]
    if unknown:
        sys.exit(f"unknown profile(s): {', '.join(unknown)}; known: {', '.join(PROFILES)}")
    data = Graph()
    parse_into(data, data_file)
    triples = len(data)
    owner = owners(data)
    vocabularies = {}
    for path in sorted((shacl_dir / "vocabularies").iterdir()):
        vocab = Graph()
        if parse_into(vocab, path):
            vocabularies[path.name] = vocab
    ontologies = Graph()
    for onto in sorted((shacl_dir / "ontology").iterdir()):
        parse_into(ontologies, onto)
    out = {"file": str(data_file), "triples": triples, "sets": {}}
    for name in names:
        out["sets"][name] = run_profile(data, vocabularies, shacl_dir, name, ontologies, owner)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
