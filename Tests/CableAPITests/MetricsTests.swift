import Testing
@testable import CableAPI

@Suite("Prometheus metrics")
struct MetricsTests {
    @Test("requests are counted per route template, method and status; imports per outcome")
    func counting() {
        let metrics = APIMetrics()
        metrics.recordRequest(route: "/v1/cables/{id}", method: "GET", status: 200, duration: .microseconds(80))
        metrics.recordRequest(route: "/v1/cables/{id}", method: "GET", status: 200, duration: .milliseconds(3))
        metrics.recordRequest(route: "/v1/cables/{id}", method: "GET", status: 404, duration: .microseconds(60))
        metrics.connectionOpened()
        metrics.setCableCount(31)
        metrics.recordImport(ImportReport(imported: 3, updated: 0, unchanged: 0, failed: [], failedTotal: 2))
        let text = String(decoding: metrics.render(), as: UTF8.self)
        #expect(text.contains(#"cablegate_http_requests_total{route="/v1/cables/{id}",method="GET",status="200"} 2"#))
        #expect(text.contains(#"cablegate_http_requests_total{route="/v1/cables/{id}",method="GET",status="404"} 1"#))
        #expect(text.contains("cablegate_http_request_duration_seconds_bucket"))
        #expect(text.contains("cablegate_cables 31"))
        #expect(text.contains("cablegate_open_connections 1"))
        #expect(text.contains(#"cablegate_import_records_total{outcome="imported"} 3"#))
        #expect(text.contains(#"cablegate_import_records_total{outcome="failed"} 2"#))
    }

    @Test("client-chosen methods do not become label values")
    func methods() {
        #expect(MetricsObserver.knownMethods.contains("GET"))
        #expect(!MetricsObserver.knownMethods.contains("BREW"))
    }
}

