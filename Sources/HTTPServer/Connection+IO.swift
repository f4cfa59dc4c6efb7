import Logging

import CHTTPSystem

#if canImport(Glibc)
import Glibc
#endif

extension Connection {
    /// Writes as much of the output buffer as the socket takes, in one `write` per call when it all
    /// fits (the common case: a whole response, or a batch of pipelined ones).
    func flush() {
        guard !closed else { return }
        while !output.isEmpty {
            let pending = output.readable
            let written = Glibc.write(fd, pending.baseAddress, pending.count)
            if written > 0 {
                output.consume(written)
                writeDeadline = loop.now + loop.writeTimeout
                continue
            }
            let code = errno
            if written < 0 && code == EINTR { continue }
            if written < 0 && (code == EAGAIN || code == EWOULDBLOCK) {
                if case .streamingResponse(let state) = phase { state.writer.drained(unsent: output.readableBytes) }
                return
            }
            close()
            return
        }
        writeDeadline = 0
        unflushedResponses = 0
        output.shrink(to: 64 * 1024)
        switch phase {
        case .streamingResponse(let state):
            state.writer.drained(unsent: 0)
        case .closing:
            linger()
        case .head:
            if loop.isDraining && input.isEmpty {
                close()
            } else if !processing && !input.isEmpty && requestStart == 0 {
                // Requests left waiting by the pipelining bound can go now.
                process()
                if !output.isEmpty { flush() }
            }
        default:
            break
        }
    }

    /// Half-closes after the final response and discards what the client still sends, briefly.
    private func linger() {
        guard !peerClosed else {
            close()
            return
        }
        shutdown(fd, Int32(SHUT_WR))
        input.consume(input.readableBytes)
        phase = .lingering(discarded: 0)
        readDeadline = loop.now + 2_000_000_000
    }

    /// Registers exactly the events the state needs: EPOLLIN when `wantsRead`, EPOLLOUT while bytes wait.
    func updateInterest() {
        guard !closed else { return }
        var events: UInt32 = wantsRead ? Self.readEvents : 0
        if !output.isEmpty { events |= EPOLLOUT.rawValue }
        if events != registeredEvents {
            registeredEvents = events
            loop.modify(fd, events: events)
        }
    }

    /// Enforces the header, body, idle, write and linger deadlines; called by the loop's sweep.
    func checkDeadlines(now: UInt64) {
        guard !closed else { return }
        if writeDeadline != 0 && now >= writeDeadline {
            loop.logger.debug("closing: client stopped reading", metadata: ["peer": "\(peer)"])
            close()
            return
        }
        guard readDeadline != 0 && now >= readDeadline else { return }
        readDeadline = 0
        let timeouts = loop.configuration.timeouts
        switch phase {
        case .head:
            if readDeadlineIsIdle && input.isEmpty {
                if output.isEmpty { close() }
                return
            }
            fail(HTTPParseError(.requestTimeout, "request head not received within \(timeouts.headerRead)"), info: nil)
        case .body(let body):
            fail(HTTPParseError(.requestTimeout, "request body stalled for \(timeouts.bodyStall)"), info: body.info)
        case .streamingBody(let body):
            body.stream.fail(.connectionClosed)
            fail(HTTPParseError(.requestTimeout, "request body stalled for \(timeouts.bodyStall)"), info: body.info)
        case .lingering:
            close()
            return
        default:
            return
        }
        flush()
        updateInterest()
    }

    /// Shutdown began: idle connections close now; busy ones close after their current response.
    func drain() {
        if case .head = phase, input.isEmpty, output.isEmpty {
            close()
        }
    }

    /// Closes the socket and releases everything waiting on it; safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        switch phase {
        case .streamingBody(let body): body.stream.fail(.connectionClosed)
        case .streamingResponse(let state): state.writer.close()
        default: break
        }
        phase = .closing
        Glibc.close(fd)
        loop.remove(self)
        loop.server.connectionCount.subtract(1, ordering: .relaxed)
        loop.observer?.connectionClosed()
    }
}
