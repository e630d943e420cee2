// opendata-bench: stage timings for scripts/bench.sh (not shipped; no timed tests, figures only).
//
//   opendata-bench stages CONFIG   read (offline) → map → dedup → exports, each stage timed, then Pipeline.run
//   opendata-bench json CONFIG [ROUNDS]  only the bulk JSON ingestion of `stages`, ROUNDS (5) times, for profiling
//   opendata-bench pipeline CONFIG  read (offline), then Pipeline.run with every file counted instead of written:
//                                  the run without the file system (for sizes whose outputs do not fit on disk)
//   opendata-bench load FOLDER     what `opendata serve` does to load a published folder, each step timed
//   opendata-bench dedup N [SEED]  Deduplicator.run on DedupBenchmark.syntheticDatasets(N, 0.2, seed 1); with SEED
//                                  the input is shuffled first (same digest expected: results are order-independent)
//
// Prints `key=value` lines (seconds) that bench.sh collects.
import CatalogCore
import CatalogIO
import CatalogServer
import CatalogTestSupport
import Dispatch
import Foundation

/// Counts the files a streaming run hands on (from several threads; a file's later pieces are not counted) and
/// their bytes (every piece).
final class FileCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var byteCount = 0
    var value: Int { lock.withLock { count } }
    var bytes: Int { lock.withLock { byteCount } }
    func add(_ file: ExportFile) {
        let n = file.count
        lock.withLock {
            if !file.continues { count += 1 }
            byteCount += n
        }
    }
}

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU seconds of this process (all threads), to compare runs on a shared machine.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

/// The run's setup from the sources configuration at `path`; on an error, says which and exits with status 2.
func loadSetup(_ path: String) -> CatalogRunner.Setup {
    do { return try CatalogRunner.setup(configURL: URL(fileURLWithPath: path)) } catch {
        FileHandle.standardError.write(Data("opendata-bench: \(error)\n".utf8))
        exit(2)
    }
}

/// Every source of `setup` read as `opendata run --offline` reads it (recorded snapshots, dump files).
func harvestOffline(_ setup: CatalogRunner.Setup) async -> [SourceHarvest] {
    await CatalogRunner.harvest(setup.config, offline: true, console: Console(quiet: true), mapping: setup)
}

func stages(_ path: String) async {
    let setup = loadSetup(path)
    let t0 = DispatchTime.now().uptimeNanoseconds
    let harvests = await harvestOffline(setup)
    let read = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    // Bulk JSON ingestion on one core: every record's bytes parsed into the tree the mapper reads (CKANPackage).
    // Warm-up rounds until 0.3 s have passed (at least one): the first rounds of a process can run slower (at
    // 1 k a round is 16 ms; with one warm-up round all seven rounds gave 214-226 MB/s in a bench run whose 10 k
    // figure was 389, and in two runs of `json` at 1 k the first round was the slowest). Then the median of
    // seven: one round is about 0.1 s at 10 k, where a neighbour's burst on this shared machine moves a single
    // figure by a third.
    let records = harvests.flatMap(\.records)
    let jsonBytes = records.reduce(0) { $0 + $1.json.count }
    var parsed = 0
    let round = {
        parsed = 0
        return seconds { for r in records where (try? CKANPackage(json: r.json)) != nil { parsed += 1 } }
    }
    var warmUp = 0.0
    repeat { warmUp += round() } while warmUp < 0.3
    let jsonRounds = (0..<7).map { _ in round() }.sorted()
    let json = jsonRounds[jsonRounds.count / 2]
    let perSecond = { (t: Double) in String(format: "%.0f", Double(jsonBytes) / 1_048_576 / t) }
    let pipeline = CatalogRunner.pipeline(setup)
    var mapped: [Dataset] = []
    let map = seconds {
        for h in harvests {
            // The same parallel map as Pipeline.mapAll.
            let mapper = pipeline.mapper, source = h.source
            mapped += ParallelMap.map(h.records, minimum: 64, chunk: 32) { mapper.map($0, source: source).dataset }.compactMap { $0 }
        }
    }
    var result: DedupResult?
    let dedup = seconds { result = pipeline.deduplicator.run(mapped) }
    let merged = result!.datasets.sorted { $0.uri < $1.uri }
    let catalog = Catalog(uri: "https://example.org/catalog", title: "t", description: "d", publisher: Agent(name: "p"),
                          homepage: nil, languages: [], modified: nil, datasets: merged)
    var graph: DCATGraph?
    let graphTime = seconds { graph = DCATGraph(catalog) }
    var ttl: [UInt8] = [], rdf: [UInt8] = [], jsonld: [UInt8] = []
    let turtle = seconds { ttl = TurtleSerializer.serialise(graph!) }
    let xml = seconds { rdf = RDFXMLSerializer.serialise(graph!) }
    let jl = seconds { jsonld = JSONLDSerializer.serialise(graph!) }
    // What the run does instead: the three catalogue files rendered dataset by dataset (triples built in it).
    var files: DCATDocument.Files?
    let documents = seconds { files = DCATDocument.catalogue(catalog) }
    var total = 0.0
    var fileCount = 0
    // As `opendata run` streams its files (each handed on and let go), only counted here instead of written.
    let counted = FileCount()
    total = seconds { _ = pipeline.run(harvests, runTime: "2026-01-01T00:00:00Z", emit: counted.add) }
    fileCount = counted.value
    print("records=\(harvests.reduce(0) { $0 + $1.records.count })")
    print("datasets=\(merged.count)")
    print("triples=\(graph!.triples.count)")
    print("read=\(fmt(read))")
    print("json=\(fmt(json)) json_parsed=\(parsed) json_mb=\(fmt(Double(jsonBytes) / 1_048_576)) json_mb_s=\(perSecond(json)) json_rounds=\(jsonRounds.count) json_mb_s_range=\(perSecond(jsonRounds.last!))–\(perSecond(jsonRounds.first!))")
    print("map=\(fmt(map))")
    print("dedup=\(fmt(dedup))")
    print("graph=\(fmt(graphTime))")
    print("turtle=\(fmt(turtle))")
    print("rdfxml=\(fmt(xml))")
    print("jsonld=\(fmt(jl))")
    print("ttl_bytes=\(ttl.count) rdf_bytes=\(rdf.count) jsonld_bytes=\(jsonld.count)")
    print("rdf_files=\(fmt(documents)) rdf_files_triples=\(files!.tripleCount) rdf_files_bytes=\(files!.turtle.count + files!.rdfXML.count + files!.jsonLD.count)")
    print("pipeline=\(fmt(total)) files=\(fileCount)")
}

/// What `opendata run --offline` does but write: the sources read, then the whole pipeline with every file
/// counted and let go. Peak RSS comes from outside (`/usr/bin/time`); bench.sh's pipeline rows are whole runs.
func pipelineOnly(_ path: String) async {
    let setup = loadSetup(path)
    let cpu0 = cpuSeconds()
    let t0 = DispatchTime.now().uptimeNanoseconds
    let harvests = await harvestOffline(setup)
    let t1 = DispatchTime.now().uptimeNanoseconds
    let records = harvests.reduce(0) { $0 + $1.records.count }
    let counted = FileCount()
    // Handed over, as the run does: the pipeline lets each source's raw records go once they are mapped.
    let output = CatalogRunner.pipeline(setup).run(consume harvests, runTime: "2026-01-01T00:00:00Z", emit: counted.add)
    let t2 = DispatchTime.now().uptimeNanoseconds
    print("records=\(records) datasets=\(output.catalog.datasets.count) read=\(fmt(Double(t1 - t0) / 1e9))"
        + " pipeline=\(fmt(Double(t2 - t1) / 1e9)) cpu=\(fmt(cpuSeconds() - cpu0)) files=\(counted.value) bytes=\(counted.bytes)")
}

/// Bulk JSON ingestion alone (what `stages` prints as json_mb_s), ROUNDS times over the records: for profiling.
func jsonOnly(_ path: String, rounds: Int) async {
    let harvests = await harvestOffline(loadSetup(path))
    let records = harvests.flatMap(\.records)
    let megabytes = Double(records.reduce(0) { $0 + $1.json.count }) / 1_048_576
    for _ in 0..<rounds {
        var parsed = 0
        let t = seconds { for r in records where (try? CKANPackage(json: r.json)) != nil { parsed += 1 } }
        print("json=\(fmt(t)) json_parsed=\(parsed) json_mb=\(fmt(megabytes)) json_mb_s=\(String(format: "%.0f", megabytes / t))")
    }
}

/// FNV-1a 64 of bytes, 16 hex digits.
func fnv(_ bytes: [UInt8]) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

/// A digest of everything the deduplicator returns (merged datasets, clusters, review pairs, findings), to compare
/// results before and after a change: JSON with sorted keys, hashed.
func resultDigest(_ r: DedupResult) -> String {
    struct All: Encodable {
        var datasets: [Dataset], clusters: [DuplicateCluster], review: [DuplicateCluster], findings: [Finding]
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try! encoder.encode(All(datasets: r.datasets, clusters: r.clusters, review: r.reviewCandidates, findings: r.findings))
    return fnv(Array(data))
}

/// Fisher–Yates with SplitMix64: a deterministic permutation.
func shuffled<T>(_ a: [T], seed: UInt64) -> [T] {
    var rng = SplitMix64(seed: seed)
    var a = a
    if a.count < 2 { return a }
    for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, rng.below(i + 1)) }
    return a
}

/// What `SnapshotStore.load` does with the snapshot's server-index.bin (mapping it and the model, reading the
/// index), then the steps a folder without it takes, one by one: model file → `Catalog`, CKAN search index
/// (package dicts, facets, full-text relevance), IRI paths, the per-dataset graph head.
func load(_ path: String) throws {
    let folder = URL(fileURLWithPath: path)
    var data = Data()
    var file: ServerIndexFile?
    let cpuIndex = cpuSeconds()
    let indexFile = seconds {
        data = try! Data(contentsOf: folder.appendingPathComponent(SnapshotStore.modelFile), options: .alwaysMapped)
        file = try! SnapshotStore.indexFile(folder, modelSize: data.count)
        if let file { _ = DCATGraph.Head(file.head) }
    }
    let indexCPU = cpuSeconds() - cpuIndex
    var catalog: Catalog?
    let cpu0 = cpuSeconds()
    let model = seconds { catalog = try! Catalog(modelJSON: data) }
    var index: CKANSearchIndex?
    let indexTime = seconds { index = CKANSearchIndex(catalog: catalog!) }
    let relevance = seconds { _ = SearchIndex(datasets: catalog!.datasets) }
    let paths = seconds { _ = ServerIndexFile.iriPaths(catalog!) }
    let head = seconds { _ = DCATGraph.Head(catalog!) }
    print("load_datasets=\(index!.count) model_mb=\(data.count >> 20)"
        + " server_index=\(file == nil ? "none" : fmt(indexFile)) server_index_cpu=\(fmt(indexCPU))"
        + " model=\(fmt(model)) index=\(fmt(indexTime))"
        + " of_which_relevance=\(fmt(relevance)) iri_paths=\(fmt(paths)) head=\(fmt(head)) cpu=\(fmt(cpuSeconds() - cpu0 - relevance))")
}

let args = CommandLine.arguments
switch args.count > 2 ? args[1] : "" {
case "stages":
    await stages(args[2])
case "pipeline":
    await pipelineOnly(args[2])
case "load":
    try load(args[2])
case "json":
    await jsonOnly(args[2], rounds: args.count > 3 ? Int(args[3]) ?? 5 : 5)
case "dedup":
    let n = Int(args[2]) ?? 100_000
    var data = DedupBenchmark.syntheticDatasets(count: n, duplicateShare: 0.2, seed: 1)
    if args.count > 3, let seed = UInt64(args[3]) { data = shuffled(data, seed: seed) }
    let dedup = Deduplicator(settings: DedupSettings())
    var result: DedupResult?
    let cpu0 = cpuSeconds()
    let t = seconds { result = dedup.run(data) }
    let cpu = cpuSeconds() - cpu0
    let r = result!
    print("dedup_n=\(n) dedup_seconds=\(fmt(t)) dedup_cpu_seconds=\(fmt(cpu)) clusters=\(r.clusters.count) review=\(r.reviewCandidates.count)"
        + " datasets=\(r.datasets.count) csv_fnv=\(fnv(Array(DuplicatesCSV.render(r).utf8))) result_fnv=\(resultDigest(r))")
default:
    FileHandle.standardError.write(Data("usage: opendata-bench stages CONFIG | pipeline CONFIG | json CONFIG [ROUNDS] | load FOLDER | dedup N [SEED]\n".utf8))
    exit(2)
}
