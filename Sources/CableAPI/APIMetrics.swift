import CoreMetrics
import Prometheus
import Synchronization

/// The service's Prometheus metrics, exposed at `/metrics`.
///
/// Metrics go through swift-metrics types bound to a private `PrometheusMetricsFactory`, not the global
/// `MetricsSystem`, so several APIs (tests) in one process keep separate registries.
public final class APIMetrics: Sendable {
    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let openConnections: Meter
    private let cablesInStore: CoreMetrics.Gauge
    /// Metric handles by label set: looking one up in the registry builds strings and takes its lock,
    /// which is too much to repeat on every request.
    private let requestHandles = Mutex<[RequestLabels: (CoreMetrics.Counter, CoreMetrics.Timer)]>([:])

    private struct RequestLabels: Hashable {
        let route: String
        let method: String
        let status: Int
    }

    /// Request durations are bucketed from 50 µs to 10 s: reads of stored JSON take tens of µs, imports seconds.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2), .seconds(5), .seconds(10),
        ]
        self.factory = factory
        openConnections = Meter(label: "cablegate_open_connections", factory: factory)
        cablesInStore = CoreMetrics.Gauge(label: "cablegate_cables", factory: factory)
    }

    /// One answered request, labelled by route template (never the raw path, to bound cardinality).
    public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        let labels = RequestLabels(route: route, method: method, status: status)
        let (counter, timer) = requestHandles.withLock { handles in
            if let found = handles[labels] { return found }
            let made = (
                CoreMetrics.Counter(label: "cablegate_http_requests_total",
                                    dimensions: [("route", route), ("method", method), ("status", String(status))],
                                    factory: factory),
                CoreMetrics.Timer(label: "cablegate_http_request_duration_seconds",
                                  dimensions: [("route", route), ("method", method)], factory: factory)
            )
            handles[labels] = made
            return made
        }
        counter.increment()
        timer.recordNanoseconds(Self.nanoseconds(duration))
    }

    /// The server opened or closed a client connection.
    public func connectionOpened() { openConnections.increment() }
    /// See `connectionOpened()`.
    public func connectionClosed() { openConnections.decrement() }

    /// The number of cables in the store, refreshed on each scrape and after writes.
    public func setCableCount(_ count: Int) { cablesInStore.record(count) }

    /// One single-cable write (`inserted`, `updated`, `unchanged`).
    public func recordImport(outcome: String) {
        CoreMetrics.Counter(label: "cablegate_import_records_total", dimensions: [("outcome", outcome == "inserted" ? "imported" : outcome)],
                            factory: factory).increment()
    }

    /// Counts of one batch import.
    public func recordImport(_ report: ImportReport) {
        for (outcome, n) in [("imported", report.imported), ("updated", report.updated),
                             ("unchanged", report.unchanged), ("failed", report.failedTotal)] where n > 0 {
            CoreMetrics.Counter(label: "cablegate_import_records_total", dimensions: [("outcome", outcome)], factory: factory)
                .increment(by: n)
        }
    }

    private static func nanoseconds(_ d: Duration) -> Int64 {
        let (seconds, attoseconds) = d.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The Prometheus text exposition.
    public func render() -> [UInt8] { registry.emitToBuffer() }
}
