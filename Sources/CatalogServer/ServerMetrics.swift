import Prometheus
import Synchronization

/// Prometheus metrics of one server, exposed at `/metrics`.
///
/// Route labels come from a fixed list (never from the request path), so clients cannot blow up cardinality.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let datasets: Gauge
    private let reloads: Counter
    private let refused: Counter
    private let openConnections: Gauge
    private let connectionLimit: Gauge
    private let connections = Mutex<ConnectionGauge?>(nil)
    /// The harvest job's metrics (from its status.json), appended at each scrape; nil: none (tests).
    private let job: JobMetrics?

    static var reloadsName: MetricNameDescriptor { MetricNameDescriptor(namespace: "opendata", metricName: "snapshot_reloads", unitName: "total", helpText: "Snapshot loads by result") }
    static var requestsName: MetricNameDescriptor { MetricNameDescriptor(namespace: "opendata", metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route and status") }

    init(job: JobMetrics? = nil) {
        self.job = job
        datasets = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "opendata", metricName: "snapshot_datasets", unitName: "", helpText: "Datasets in the snapshot being served"))
        reloads = registry.makeCounter(descriptor: Self.reloadsName, labels: [("result", "loaded")])
        refused = registry.makeCounter(descriptor: Self.reloadsName, labels: [("result", "refused")])
        openConnections = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "opendata", metricName: "http_open_connections", unitName: "", helpText: "Open HTTP connections"))
        connectionLimit = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "opendata", metricName: "http_max_connections", unitName: "", helpText: "Connection limit"))
    }

    /// The request counters by route and status, made once each (the registry's look-up formats the name and
    /// labels on every call, which showed in the request path's profile).
    private let requestCounters = Mutex<[RequestKey: Counter]>([:])
    private struct RequestKey: Hashable {
        var route: String
        var status: Int
    }

    func request(route: String, status: Int) {
        let key = RequestKey(route: route, status: status)
        let counter = requestCounters.withLock { counters in
            if let c = counters[key] { return c }
            let c = registry.makeCounter(descriptor: Self.requestsName, labels: [("route", route), ("status", String(status))])
            counters[key] = c
            return c
        }
        counter.increment()
    }

    func snapshotLoaded(datasets count: Int) {
        datasets.set(Double(count))
        reloads.increment()
    }

    func snapshotRefused() { refused.increment() }

    /// Publishes the open-connection count and its limit (read at each scrape).
    func observe(connections: ConnectionGauge) {
        connectionLimit.set(Double(connections.limit))
        self.connections.withLock { $0 = connections }
    }

    func render() -> [UInt8] {
        if let gauge = connections.withLock({ $0 }) { openConnections.set(Double(gauge.open)) }
        var bytes = registry.emitToBuffer()
        if let job { bytes.append(contentsOf: job.render().utf8) }
        return bytes
    }
}
