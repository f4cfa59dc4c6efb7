import HTTPTypes
import Synchronization
import Testing
@testable import HTTPServer

/// Collects what the server reports, for checking the metrics hook.
final class RecordingObserver: HTTPServerObserver {
    let records = Mutex<[HTTPRequestRecord]>([])
    let opened = Atomic<Int>(0)
    let closed = Atomic<Int>(0)

    func requestCompleted(_ record: HTTPRequestRecord) { records.withLock { $0.append(record) } }
    func connectionOpened() { opened.add(1, ordering: .relaxed) }
    func connectionClosed() { closed.add(1, ordering: .relaxed) }
}

@Suite struct ObserverTests {
    @Test func everyRequestAndConnectionIsReported() throws {
        let observer = RecordingObserver()
        try withLiveServer({ $0.observer = observer }) { server in
            let client = try RawClient(port: server.port)
            try client.send("GET /items/7 HTTP/1.1\r\nHost: t\r\n\r\nPOST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc")
            _ = try client.readResponse()
            _ = try client.readResponse()
            try client.send("GET /missing HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            _ = try client.readResponse()
            #expect(client.waitsForClose())
            #expect(eventually { observer.closed.load(ordering: .relaxed) == 1 })
        }
        let records = observer.records.withLock { $0 }
        #expect(records.map(\.routeTemplate) == ["/items/{id}", "/echo", nil])
        #expect(records.map(\.status.code) == [200, 200, 404])
        #expect(records.map(\.method) == ["GET", "POST", "GET"])
        #expect(records[1].bytesReceived == 3)
        #expect(records.allSatisfy { $0.bytesSent > 0 })
        #expect(observer.opened.load(ordering: .relaxed) == 1)
    }

    @Test func deferredErrorsBecomeResponses() throws {
        var router = Router<Int>()
        router.get("/loop") { request, context in .text("\(request.loopIndex) \(context)") }
        router.get("/conflict") { _, _ in .deferred { throw HTTPParseError(.conflict, "busy") } }
        router.get("/crash") { _, _ in .deferred { throw CancellationLike() } }
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.loopCount = 2
        configuration.logger.logLevel = .critical
        let server = HTTPServer(configuration: configuration, router: router) { index in index * 100 }
        try server.start()
        defer { server.shutdown(); server.wait() }
        let client = try RawClient(port: server.port)
        try client.send("GET /loop HTTP/1.1\r\nHost: t\r\n\r\n")
        let loop = try #require(try client.readResponse()).text.split(separator: " ")
        #expect(loop.count == 2 && Int(loop[1]) == Int(loop[0])! * 100)
        try client.send("GET /conflict HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse()?.status == 409)
        try client.send("GET /crash HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse()?.status == 500)
    }

    @Test func contextFactoryFailureFailsStart() {
        struct NoDatabase: Error {}
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.logger.logLevel = .critical
        let server = HTTPServer<Int>(configuration: configuration, router: Router<Int>()) { _ in throw NoDatabase() }
        #expect(throws: NoDatabase.self) { try server.start() }
    }
}

struct CancellationLike: Error {}
