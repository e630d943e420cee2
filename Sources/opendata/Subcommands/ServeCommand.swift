import ArgumentParser
import CatalogServer
import Foundation
import Logging

/// `opendata serve`: the published snapshot over HTTP — static downloads, DCAT endpoints, a CKAN-compatible read API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the published catalogue: downloads, DCAT endpoints and a read-only CKAN API.",
        discussion: """
            Serves the folder `opendata run` wrote (or its `current` snapshot link): static files with ETag and \
            Last-Modified; /catalog and /dataset/{id} in Turtle, RDF/XML or JSON-LD (content negotiation or \
            .ttl/.rdf/.jsonld), /catalog also in hydra pages (?page=N&pageSize=M, at most 10000 per page) for \
            harvesters; the catalogue's own dataset and distribution IRIs resolve the same way (browsers get a 303 \
            to the dataset's page); /suche?q=… is the full-text search as an HTML page (facets, sortierung=datum, \
            seite=N); /archiv/ lists the kept snapshots and serves their files; responses are gzip-compressed when the client accepts it; the CKAN Action API read actions under /api/3/action/ and /api/action/ \
            (package_search, package_show, package_list, organization_list/show, group_list, license_list, \
            tag_list, status_show); /health and Prometheus /metrics (server and harvest job: last success, datasets per source, stale sources, duration, from the job's status.json). A new snapshot is picked up within \
            --reload seconds or on SIGHUP, without failing requests. No write actions exist.
            """
    )

    @Option(name: .long, help: "TCP port.")
    var port: Int = 8080

    @Option(name: .long, help: "Address to listen on (127.0.0.1: this machine only; 0.0.0.0: all interfaces).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The published folder (or its `current` snapshot link).", valueName: "dir"))
    var dir: String = "public"

    @Option(name: .long, help: "Seconds between checks for a new snapshot.")
    var reload: Int = 5

    @Option(name: .long, help: "Seconds before an idle connection (or one whose request head arrives too slowly) is closed.")
    var idleTimeout: Int = 15

    @Option(name: .long, help: "Seconds a request body (POST to the API) may take to arrive.")
    var requestTimeout: Int = 10

    @Option(name: .long, help: "Open connections at most (further ones wait); capped to the open-file limit.")
    var maxConnections: Int = 10_000

    @Option(name: .long, help: ArgumentHelp("The harvest job's status.json for the job metrics at /metrics (default: found beside --dir).", valueName: "file"))
    var status: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1–65535, not \(port).") }
        guard reload >= 1 else { throw ValidationError("--reload must be at least 1 second.") }
        guard idleTimeout >= 1, requestTimeout >= 1 else { throw ValidationError("--idle-timeout and --request-timeout must be at least 1 second.") }
        guard requestTimeout < idleTimeout else { throw ValidationError("--request-timeout must be shorter than --idle-timeout.") }
        guard maxConnections >= 16 else { throw ValidationError("--max-connections must be at least 16.") }
    }

    func run() async throws {
        let directory = URL(fileURLWithPath: dir)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(SnapshotStore.modelFile).path) else {
            FileHandle.standardError.write(Data("error: \(dir) holds no published catalogue (catalog.model.json). Run `opendata run --out \(dir)` first.\n".utf8))
            throw ExitCode(2)
        }
        var logger = output.logFormat == .json
            ? Logger(label: "opendata.serve") { JSONLogHandler(label: $0) }
            : Logger(label: "opendata.serve")
        logger.logLevel = output.verbose ? .debug : (output.quiet ? .warning : .info)
        var configuration = ServerConfiguration(host: host, port: port, directory: directory)
        configuration.reloadInterval = .seconds(reload)
        configuration.idleTimeout = .seconds(idleTimeout)
        configuration.requestTimeout = .seconds(requestTimeout)
        configuration.maxConnections = maxConnections
        configuration.statusFile = status.map { URL(fileURLWithPath: $0) }
        if output.logFormat == .json {
            logger.info("serving", metadata: ["directory": "\(directory.path)", "url": "http://\(host):\(port)/"])
        } else {
            FileHandle.standardError.write(Data("serving \(directory.path) on http://\(host):\(port)/ (CKAN API: /api/3/action/, DCAT: /catalog)\n".utf8))
        }
        try await runServer(configuration: configuration, logger: logger)
    }
}
