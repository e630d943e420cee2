// opendata-bench: stage timings for scripts/bench.sh (not shipped; no timed tests, figures only).
//
//   opendata-bench stages CONFIG   read (offline) → map → dedup → exports, each stage timed, then Pipeline.run
//   opendata-bench dedup N         Deduplicator.run on DedupBenchmark.syntheticDatasets(N, 0.2, seed 1)
//
// Prints `key=value` lines (seconds) that bench.sh collects.
import CatalogCore
import CatalogIO
import Dispatch
import Foundation

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

/// Maps records in parallel chunks (as Pipeline does), results in record order.
final class MapJob: @unchecked Sendable {
    let records: [RawRecord]
    let source: SourceConfig
    let mapper: CKANMapper
    var out: [Dataset?]
    let lock = NSLock()
    init(_ records: [RawRecord], _ source: SourceConfig, _ mapper: CKANMapper) {
        self.records = records; self.source = source; self.mapper = mapper
        out = Array(repeating: nil, count: records.count)
    }
    func run() {
        let chunks = (records.count + 31) / 32
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = c * 32, hi = min(records.count, lo + 32)
            let local = (lo..<hi).map { mapper.map(records[$0], source: source).dataset }
            lock.lock(); for (k, d) in local.enumerated() { out[lo + k] = d }; lock.unlock()
        }
    }
}

func stages(_ path: String) async {
    let setup: CatalogRunner.Setup
    do { setup = try CatalogRunner.setup(configURL: URL(fileURLWithPath: path)) } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8)); exit(2)
    }
    let console = Console(quiet: true)
    let t0 = DispatchTime.now().uptimeNanoseconds
    let harvests = await CatalogRunner.harvest(setup.config, offline: true, console: console, mapping: setup)
    let read = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    let pipeline = CatalogRunner.pipeline(setup)
    var mapped: [Dataset] = []
    let map = seconds {
        for h in harvests {
            let job = MapJob(h.records, h.source, pipeline.mapper)
            job.run()
            mapped += job.out.compactMap { $0 }
        }
    }
    var result: DedupResult?
    let dedup = seconds { result = pipeline.deduplicator.run(mapped) }
    let merged = result!.datasets.sorted { $0.uri < $1.uri }
    let catalog = Catalog(uri: "https://example.org/catalog", title: "t", description: "d", publisher: Agent(name: "p"),
                          homepage: nil, languages: [], modified: nil, datasets: merged)
    var graph: DCATGraph?
    let graphTime = seconds { graph = DCATGraph(catalog) }
    var ttl = "", rdf = "", jsonld = ""
    let turtle = seconds { ttl = TurtleSerializer.serialise(graph!) }
    let xml = seconds { rdf = RDFXMLSerializer.serialise(graph!) }
    let jl = seconds { jsonld = JSONLDSerializer.serialise(graph!) }
    var total = 0.0
    var files = 0
    total = seconds { files = pipeline.run(harvests, runTime: "2026-01-01T00:00:00Z").files.count }
    print("records=\(harvests.reduce(0) { $0 + $1.records.count })")
    print("datasets=\(merged.count)")
    print("triples=\(graph!.triples.count)")
    print("read=\(fmt(read))")
    print("map=\(fmt(map))")
    print("dedup=\(fmt(dedup))")
    print("graph=\(fmt(graphTime))")
    print("turtle=\(fmt(turtle))")
    print("rdfxml=\(fmt(xml))")
    print("jsonld=\(fmt(jl))")
    print("ttl_bytes=\(ttl.utf8.count) rdf_bytes=\(rdf.utf8.count) jsonld_bytes=\(jsonld.utf8.count)")
    print("pipeline=\(fmt(total)) files=\(files)")
}

let args = CommandLine.arguments
switch args.count > 2 ? args[1] : "" {
case "stages":
    await stages(args[2])
case "dedup":
    let n = Int(args[2]) ?? 100_000
    let data = DedupBenchmark.syntheticDatasets(count: n, duplicateShare: 0.2, seed: 1)
    let dedup = Deduplicator(settings: DedupSettings())
    var clusters = 0
    let t = seconds { clusters = dedup.run(data).clusters.count }
    print("dedup_n=\(n) dedup_seconds=\(fmt(t)) clusters=\(clusters)")
default:
    FileHandle.standardError.write(Data("usage: opendata-bench stages CONFIG | dedup N\n".utf8))
    exit(2)
}
