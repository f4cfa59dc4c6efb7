import Gzip
import HTTPTypes
import Logging

import CHTTPSystem

#if canImport(Glibc)
import Glibc
#endif

/// One accepted socket and its HTTP/1.1 state machine. Owned by one event loop and touched only on
/// that loop's thread (worker threads reach it solely through `EventLoop.execute`), which is why it
/// can be `@unchecked Sendable` without locks.
///
/// Requests are processed strictly one after another; pipelined requests wait in the read buffer,
/// and their responses go out in order, batched into one `write` per readable event.
final class Connection: @unchecked Sendable {
    static var readEvents: UInt32 { EPOLLIN.rawValue | EPOLLRDHUP.rawValue }

    enum Phase {
        /// Waiting for (the rest of) a request head.
        case head
        /// Reading the body of a buffered route.
        case body(BufferedBody)
        /// A deferred handler reads the body through a stream while we receive it.
        case streamingBody(StreamedBody)
        /// A deferred handler runs; the body (if any) is complete.
        case awaitingDeferred(RequestInfo, overrideError: HTTPParseError?)
        /// A streamed response is being produced.
        case streamingResponse(StreamedResponse)
        /// A final response is queued; the connection closes once it is written.
        case closing
        /// Our side is shut down; unread client bytes are discarded briefly so the kernel does not
        /// answer them with a reset that destroys the final response before the client reads it.
        case lingering(discarded: Int)
    }

    struct BufferedBody {
        var decoder: HTTPBodyDecoder
        var request: Request
        var route: Route
        var info: RequestInfo
    }

    struct StreamedBody {
        var decoder: HTTPBodyDecoder
        var stream: RequestBodyStream
        var info: RequestInfo
        var limit: Int
    }

    final class StreamedResponse {
        let writer: ResponseBodyWriter
        var info: RequestInfo
        var status: HTTPResponse.Status = .ok
        var encoder: GzipDeflater?
        var chunked: Bool
        var bytesSent: Int
        init(writer: ResponseBodyWriter, info: RequestInfo, encoder: GzipDeflater?, chunked: Bool, bytesSent: Int) {
            self.writer = writer
            self.info = info
            self.encoder = encoder
            self.chunked = chunked
            self.bytesSent = bytesSent
        }
    }

    /// What the response side needs to know about the request being answered.
    struct RequestInfo {
        var method: HTTPRequest.Method?
        var path: Substring
        var template: String?
        var version: HTTPVersion
        var keepAlive: Bool
        var acceptsGzip: Bool
        var start: UInt64
        var bytesReceived = 0
    }

    unowned(unsafe) let loop: EventLoop
    let fd: Int32
    let peer: PeerAddress
    let input = RawBuffer(capacity: 4096)
    let output = RawBuffer(capacity: 4096)
    var parser: HTTPRequestHeadParser
    var phase: Phase = .head
    var closed = false
    /// Responses queued in `output` but not yet fully written (the pipelining bound).
    var unflushedResponses = 0
    var requestStart: UInt64 = 0
    var readDeadline: UInt64 = 0
    var readDeadlineIsIdle = false
    var writeDeadline: UInt64 = 0
    /// The epoll events currently registered for this socket.
    var registeredEvents: UInt32 = Connection.readEvents
    var peerClosed = false
    var bodyStreamPaused = false
    /// True while `process` runs, so `flush` does not re-enter it.
    var processing = false

    init(loop: EventLoop, fd: Int32, peer: PeerAddress) {
        self.loop = loop
        self.fd = fd
        self.peer = peer
        parser = HTTPRequestHeadParser(limits: loop.limits)
        readDeadline = loop.now + loop.headerReadTimeout
    }

    var limits: HTTPServerLimits { loop.limits }

    /// Dispatches one epoll event, then brings the epoll interest in line with the new state.
    func handle(events: UInt32) {
        if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            close()
            return
        }
        if events & EPOLLOUT.rawValue != 0 {
            flush()
        }
        if !closed, events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0 {
            readable()
        }
        updateInterest()
    }

    private func readable() {
        guard !closed, wantsRead else { return }
        if input.writableBytes < 1024 { input.reserve(4096) }
        let writable = input.writable
        let count = Glibc.read(fd, writable.baseAddress, writable.count)
        if count > 0 {
            input.commit(count)
            if case .lingering(let discarded) = phase {
                input.consume(input.readableBytes)
                if discarded + count > 4 * 1024 * 1024 { close() } else { phase = .lingering(discarded: discarded + count) }
                return
            }
            process()
            flush()
        } else if count == 0 {
            peerHungUp()
        } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
            close()
        }
    }

    /// The client shut down its sending side. Answer what is already complete, then close.
    private func peerHungUp() {
        peerClosed = true
        switch phase {
        case .head:
            if output.isEmpty { close() } else { phase = .closing }
        case .body, .streamingBody, .lingering:
            if case .streamingBody(let body) = phase { body.stream.fail(.connectionClosed) }
            close()
        case .awaitingDeferred, .streamingResponse, .closing:
            break
        }
    }

    /// Whether the socket should be read now, given the phase and the bounds on buffered bytes.
    var wantsRead: Bool {
        guard !closed, !peerClosed else { return false }
        switch phase {
        case .head:
            return output.readableBytes < limits.writeBufferHighWater && unflushedResponses < limits.maxPipelinedRequests
        case .body:
            return true
        case .streamingBody:
            return !bodyStreamPaused
        case .awaitingDeferred, .streamingResponse:
            // Read ahead a little (pipelined requests, or the EOF of a client that gave up) but no more.
            return input.readableBytes < 64 * 1024
        case .closing:
            return false
        case .lingering:
            return true
        }
    }

    // MARK: processing

    /// Parses and answers as many complete requests as the input holds, within the pipelining and
    /// write-buffer bounds.
    func process() {
        processing = true
        defer { processing = false }
        while !closed {
            switch phase {
            case .head:
                guard !input.isEmpty else { return }
                if unflushedResponses >= limits.maxPipelinedRequests || output.readableBytes >= limits.writeBufferHighWater {
                    flush()
                    if closed || !output.isEmpty { return }
                }
                if requestStart == 0 {
                    requestStart = loop.now
                    readDeadline = loop.now + loop.headerReadTimeout
                    readDeadlineIsIdle = false
                }
                let parsed: (HTTPRequestHead, Int)?
                do throws(HTTPParseError) {
                    parsed = try parser.parse(input.readable)
                } catch {
                    fail(error, info: nil)
                    return
                }
                guard let (head, consumed) = parsed else { return }
                input.consume(consumed)
                begin(head)
            case .body(var body):
                guard !input.isEmpty else { return }
                phase = .closing
                var collected: [UInt8] = []
                swap(&collected, &body.request.body)
                let consumed: Int
                do throws(HTTPParseError) {
                    consumed = try body.decoder.decode(input.readable) { bytes in
                        collected.append(contentsOf: bytes)
                    }
                } catch {
                    fail(error, info: body.info)
                    return
                }
                swap(&collected, &body.request.body)
                input.consume(consumed)
                body.info.bytesReceived = body.decoder.received
                if body.decoder.isComplete {
                    body.request.trailerFields = body.decoder.trailerFields
                    readDeadline = 0
                    dispatch(body.request, body.route, info: body.info)
                } else {
                    readDeadline = loop.now + loop.bodyStallTimeout
                    phase = .body(body)
                }
            case .streamingBody(var body):
                guard !input.isEmpty, !bodyStreamPaused else { return }
                var keepReading = true
                let stream = body.stream
                let consumed: Int
                do throws(HTTPParseError) {
                    consumed = try body.decoder.decode(input.readable) { bytes in
                        if !stream.push(bytes) { keepReading = false }
                    }
                } catch {
                    body.stream.fail(error.status == .contentTooLarge ? .tooLarge(limit: body.limit) : .malformed(error.detail))
                    phase = .awaitingDeferred(body.info, overrideError: error)
                    readDeadline = 0
                    return
                }
                input.consume(consumed)
                body.info.bytesReceived = body.decoder.received
                if body.decoder.isComplete {
                    body.stream.finish()
                    readDeadline = 0
                    phase = .awaitingDeferred(body.info, overrideError: nil)
                    return
                }
                readDeadline = loop.now + loop.bodyStallTimeout
                phase = .streamingBody(body)
                if !keepReading {
                    bodyStreamPaused = true
                    return
                }
            case .awaitingDeferred, .streamingResponse, .closing, .lingering:
                return
            }
        }
    }

    /// Routes a complete head: answers errors at once, or starts reading the body, or dispatches.
    private func begin(_ head: HTTPRequestHead) {
        let path = head.path
        var info = RequestInfo(method: head.method, path: path, template: nil, version: head.version,
                               keepAlive: head.keepAlive && !loop.isDraining,
                               acceptsGzip: head.acceptsGzip,
                               start: requestStart)
        let hasBody = head.framing != .none
        do throws(HTTPParseError) {
            let segments = try PercentDecoding.pathSegments(path)
            let query = path.endIndex == head.target.endIndex ? QueryItems()
                : try QueryItems(parsing: head.target[head.target.index(after: path.endIndex)...])
            switch loop.server.routes.match(head.method, segments) {
            case .notFound:
                if hasBody { info.keepAlive = false }
                respond(.problem(.notFound, detail: "no resource at \(path.prefix(200))"), info: info)
            case .methodNotAllowed(let allow):
                if hasBody { info.keepAlive = false }
                var response = Response.problem(.methodNotAllowed, detail: "\(head.method.rawValue.prefix(40)) is not allowed on \(path.prefix(200))")
                response.headerFields[.allow] = allow.map(\.rawValue).joined(separator: ", ")
                respond(response, info: info)
            case .found(let route, let parameters):
                info.template = route.template
                let limit = route.options.maxBodyBytes ?? limits.defaultMaxBodyBytes
                if case .length(let length) = head.framing, length > limit {
                    fail(.bodyTooLarge(limit), info: info)
                    return
                }
                var request = Request(method: head.method, target: head.target, version: head.version,
                                      pathSegments: segments, parameters: parameters, query: query,
                                      headerFields: head.headerFields, body: [], bodyStream: nil,
                                      trailerFields: [:], peer: peer, loopIndex: loop.index,
                                      routeTemplate: route.template)
                guard hasBody else {
                    dispatch(request, route, info: info)
                    return
                }
                if head.expectsContinue && input.isEmpty {
                    output.append("HTTP/1.1 100 Continue\r\n\r\n")
                }
                let decoder = HTTPBodyDecoder(framing: head.framing, maxBodyBytes: limit, limits: limits)
                readDeadline = loop.now + loop.bodyStallTimeout
                switch route.options.bodyMode {
                case .buffered:
                    if case .length(let length) = head.framing { request.body.reserveCapacity(length) }
                    phase = .body(BufferedBody(decoder: decoder, request: request, route: route, info: info))
                case .streaming:
                    let stream = RequestBodyStream(highWater: max(64 * 1024, limits.writeBufferHighWater)) { [self, loop] in
                        loop.execute { [self] in resumeBodyStream() }
                    }
                    request.bodyStream = stream
                    phase = .streamingBody(StreamedBody(decoder: decoder, stream: stream, info: info, limit: limit))
                    startStreamingHandler(request, route, stream: stream, info: info)
                }
            }
        } catch {
            fail(error, info: info)
        }
    }

    private func resumeBodyStream() {
        guard !closed, bodyStreamPaused else { return }
        bodyStreamPaused = false
        process()
        flush()
        updateInterest()
    }
}
