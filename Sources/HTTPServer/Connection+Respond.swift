import Gzip
import HTTPTypes
import Logging

extension Connection {
    /// Runs the route's handler on the loop; sends its response or starts its deferred work.
    func dispatch(_ request: Request, _ route: Route, info: RequestInfo) {
        let response = invoke(route, request)
        if let work = response.deferredWork {
            phase = .awaitingDeferred(info, overrideError: nil)
            runDeferred(work)
        } else {
            respond(response, info: info)
        }
    }

    /// A streaming-body route: the handler starts at once and must defer; the body keeps arriving.
    func startStreamingHandler(_ request: Request, _ route: Route, stream: RequestBodyStream, info: RequestInfo) {
        let response = invoke(route, request)
        if let work = response.deferredWork {
            runDeferred(work)
        } else {
            // Answered without reading the body: the unread rest cannot be skipped safely, so close.
            stream.fail(.connectionClosed)
            var info = info
            info.keepAlive = false
            respond(response, info: info)
        }
    }

    private func invoke(_ route: Route, _ request: Request) -> Response {
        do {
            return try route.handler(request, loop.context)
        } catch {
            return Self.response(for: error, logger: loop.logger)
        }
    }

    static func response(for error: any Error, logger: Logger) -> Response {
        if let error = error as? any HTTPResponseError { return error.response }
        logger.error("handler failed", metadata: ["error": "\(error)"])
        return .problem(.internalServerError, detail: "the server failed to handle the request")
    }

    private func runDeferred(_ work: @escaping @Sendable () throws -> Response) {
        guard let workers = loop.server.workers else { return }
        let loop = self.loop
        workers.submit { [self] in
            let response: Response
            do {
                response = try work()
            } catch {
                response = Self.response(for: error, logger: loop.logger)
            }
            loop.execute { [self] in deferredCompleted(response) }
        }
    }

    private func deferredCompleted(_ response: Response) {
        guard !closed else { return }
        switch phase {
        case .awaitingDeferred(let info, let overrideError):
            if let overrideError {
                fail(overrideError, info: info)
            } else if let work = response.deferredWork {
                runDeferred(work)
                return
            } else {
                respond(response, info: info)
            }
        case .streamingBody(let body):
            // The handler finished before the body did; what is left unread forces a close.
            body.stream.fail(.connectionClosed)
            var info = body.info
            info.keepAlive = false
            respond(response, info: info)
        default:
            return
        }
        process()
        flush()
        updateInterest()
    }

    /// Answers a request the server refuses (parse errors, limits, timeouts) and closes afterwards.
    func fail(_ error: HTTPParseError, info: RequestInfo?) {
        var info = info ?? RequestInfo(method: nil, path: "-", template: nil, version: .http1_1, keepAlive: false,
                                       acceptsGzip: false, start: requestStart == 0 ? loop.now : requestStart)
        info.keepAlive = false
        respond(error.response, info: info)
    }

    /// Serializes `response` into the output buffer (flushed by the caller) and moves to the next request.
    func respond(_ response: Response, info: RequestInfo) {
        var info = info
        if loop.isDraining || peerClosed { info.keepAlive = false }
        let status = response.status
        let bodyAllowed = status.code >= 200 && status != .noContent && status != .notModified
        let isHead = info.method == .head
        let before = output.readableBytes

        switch response.body {
        case .bytes(var body):
            let eligible = bodyAllowed && response.allowsCompression && body.count >= loop.gzipMinimumBytes
                && !response.headerFields.has(.contentEncoding)
            var compressed = false
            if eligible && info.acceptsGzip {
                body = loop.gzip.compress(body)
                compressed = true
            }
            writeHead(status, response.headerFields, info: info, contentLength: bodyAllowed ? body.count : nil,
                      chunked: false, gzip: compressed, vary: eligible)
            if bodyAllowed && !isHead { output.append(body) }
            finishRequest(info, status: status, bytesSent: output.readableBytes - before)
        case .stream(let producer):
            let chunked = info.version == .http1_1
            if !chunked { info.keepAlive = false }
            let gzip = bodyAllowed && response.allowsCompression && info.acceptsGzip && !response.headerFields.has(.contentEncoding)
            writeHead(status, response.headerFields, info: info, contentLength: nil, chunked: chunked && bodyAllowed,
                      gzip: gzip, vary: bodyAllowed && response.allowsCompression)
            if isHead || !bodyAllowed {
                finishRequest(info, status: status, bytesSent: output.readableBytes - before)
            } else {
                startStream(producer, status: status, info: info, chunked: chunked, gzip: gzip,
                            headBytes: output.readableBytes - before)
            }
        }
    }

    private func writeHead(_ status: HTTPResponse.Status, _ fields: HTTPFields, info: RequestInfo, contentLength: Int?,
                           chunked: Bool, gzip: Bool, vary: Bool) {
        output.append("HTTP/1.1 ")
        output.append(decimal: status.code)
        output.append(byte: UInt8(ascii: " "))
        output.append(status.reasonPhrase)
        output.append("\r\nDate: ")
        output.append(loop.dateCache.bytes)
        output.append("\r\n")
        var hasContentType = false
        for field in fields {
            switch field.name {
            case .contentLength, .transferEncoding, .connection, .date:
                continue
            default:
                if field.name == .contentType { hasContentType = true }
                output.append(field.name.rawName)
                output.append(": ")
                field.withUnsafeBytesOfValue { output.append(UnsafeRawBufferPointer($0)) }
                output.append("\r\n")
            }
        }
        if contentLength.map({ $0 > 0 }) ?? chunked, !hasContentType {
            // RFC 9110 §8.3: a sender that generates content should say what it is.
            output.append("Content-Type: application/octet-stream\r\n")
        }
        if let contentLength {
            output.append("Content-Length: ")
            output.append(decimal: contentLength)
            output.append("\r\n")
        }
        if chunked { output.append("Transfer-Encoding: chunked\r\n") }
        if gzip { output.append("Content-Encoding: gzip\r\n") }
        if vary { output.append("Vary: Accept-Encoding\r\n") }
        if !info.keepAlive {
            output.append("Connection: close\r\n")
        } else if info.version == .http1_0 {
            output.append("Connection: keep-alive\r\n")
        }
        output.append("\r\n")
    }

    /// Logs and reports a finished response, then readies the connection for the next request.
    func finishRequest(_ info: RequestInfo, status: HTTPResponse.Status, bytesSent: Int) {
        let duration = Sys.monotonicNanoseconds() &- info.start
        let method = info.method?.rawValue ?? "-"
        loop.logger.log(level: loop.accessLogLevel,
                                 "\(method) \(info.path) \(status.code) \(bytesSent)B \(duration / 1000)us",
                                 metadata: ["peer": "\(peer)", "loop": "\(loop.index)"])
        loop.observer?.requestCompleted(HTTPRequestRecord(
            method: method, path: String(info.path), routeTemplate: info.template, status: status,
            durationNanoseconds: duration, bytesSent: bytesSent, bytesReceived: info.bytesReceived, loopIndex: loop.index))
        unflushedResponses += 1
        requestStart = 0
        if info.keepAlive {
            phase = .head
            readDeadline = loop.now + loop.idleTimeout
            readDeadlineIsIdle = true
        } else {
            phase = .closing
            readDeadline = 0
        }
    }
}
