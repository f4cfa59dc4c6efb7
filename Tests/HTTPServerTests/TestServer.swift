import HTTPServer
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Routes shared by the live tests.
func liveTestRouter() -> Router<Void> {
    var router = Router<Void>()
    router.get("/hello") { _, _ in .text("hello") }
    router.get("/items/{id}") { request, _ in .text("item \(request.parameters["id"] ?? "")") }
    router.post("/echo", options: RouteOptions(maxBodyBytes: 1024)) { request, _ in
        Response(status: .ok, headerFields: [.contentType: "application/octet-stream"], body: request.body)
    }
    router.get("/big") { _, _ in
        .json(Array(repeating: UInt8(ascii: "a"), count: 100_000))
    }
    router.get("/huge") { _, _ in
        Response(status: .ok, headerFields: [:], body: Array(repeating: UInt8(ascii: "z"), count: 8 << 20))
    }
    router.get("/slow") { _, _ in
        .deferred {
            usleep(400_000)
            return .text("slow done")
        }
    }
    router.get("/stream") { request, _ in
        let count = Int(request.query["n"] ?? "") ?? 10
        return Response(status: .ok, headerFields: [.contentType: "application/x-ndjson"], body: .stream { writer in
            for index in 0..<count { try writer.write("{\"n\":\(index)}\n") }
        })
    }
    router.post("/upload", options: RouteOptions(maxBodyBytes: 16 << 20, bodyMode: .streaming)) { request, _ in
        let stream = request.bodyStream!
        return .deferred {
            var total = 0
            var checksum = 0
            while let chunk = try stream.read() {
                total += chunk.count
                for byte in chunk { checksum = (checksum &+ Int(byte)) & 0xFFFF_FFFF }
            }
            return .text("\(total) \(checksum)")
        }
    }
    router.get("/fail") { _, _ in throw HTTPParseError(.conflict, "custom problem") }
    return router
}

/// Runs `body` against a live server on an ephemeral port; the server is shut down afterwards.
func withLiveServer<T>(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in },
                       router: Router<Void> = liveTestRouter(),
                       _ body: (HTTPServer<Void>) throws -> T) throws -> T {
    var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
    configuration.loopCount = 2
    configuration.logger.logLevel = .critical
    configure(&configuration)
    let server = HTTPServer(configuration: configuration, router: router)
    try server.start()
    defer {
        server.shutdown()
        server.wait()
    }
    return try body(server)
}

func sleepMilliseconds(_ milliseconds: Int) {
    usleep(useconds_t(milliseconds * 1000))
}

/// Polls `condition` for up to `seconds`.
func eventually(seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Double(DispatchTimeLite.nowMilliseconds()) + seconds * 1000
    while Double(DispatchTimeLite.nowMilliseconds()) < deadline {
        if condition() { return true }
        sleepMilliseconds(10)
    }
    return condition()
}

enum DispatchTimeLite {
    static func nowMilliseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return spec.tv_sec * 1000 + spec.tv_nsec / 1_000_000
    }
}
