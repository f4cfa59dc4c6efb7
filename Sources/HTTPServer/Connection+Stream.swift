import Gzip
import HTTPTypes

extension Connection {
    /// Starts a streamed response: the head is queued; the producer runs on a worker thread and its
    /// chunks arrive through `streamChunk` on this loop, framed as chunked transfer coding.
    func startStream(_ producer: @escaping @Sendable (ResponseBodyWriter) throws -> Void, status: HTTPResponse.Status,
                     info: RequestInfo, chunked: Bool, gzip: Bool, headBytes: Int) {
        let loop = self.loop
        let writer = ResponseBodyWriter(highWater: limits.writeBufferHighWater) { [self] bytes in
            loop.execute { [self] in streamChunk(bytes) }
        }
        let state = StreamedResponse(writer: writer, info: info,
                                     encoder: gzip ? GzipDeflater(level: loop.configuration.gzipLevel) : nil,
                                     chunked: chunked, bytesSent: headBytes)
        state.status = status
        phase = .streamingResponse(state)
        guard let workers = loop.server.workers else { return }
        workers.submit { [self] in
            let failure: String?
            do {
                try producer(writer)
                failure = nil
            } catch {
                failure = "\(error)"
            }
            loop.execute { [self] in streamEnded(failure: failure) }
        }
    }

    private func streamChunk(_ bytes: [UInt8]) {
        guard !closed, case .streamingResponse(let state) = phase else { return }
        var data = bytes
        if let encoder = state.encoder {
            var compressed: [UInt8] = []
            encoder.append(bytes, finish: false, to: &compressed)
            data = compressed
        }
        state.bytesSent += appendBodyPart(data, chunked: state.chunked)
        state.writer.accepted(bytes.count, unsent: output.readableBytes)
        flush()
        updateInterest()
    }

    private func streamEnded(failure: String?) {
        guard !closed, case .streamingResponse(let state) = phase else { return }
        if let failure {
            // The head is gone already; the only honest signal left is an unterminated body.
            loop.configuration.logger.error("response stream failed", metadata: ["error": "\(failure)", "path": "\(state.info.path)"])
            close()
            return
        }
        if let encoder = state.encoder {
            var tail: [UInt8] = []
            encoder.append([], finish: true, to: &tail)
            state.bytesSent += appendBodyPart(tail, chunked: state.chunked)
        }
        if state.chunked {
            output.append("0\r\n\r\n")
            state.bytesSent += 5
        }
        finishRequest(state.info, status: state.status, bytesSent: state.bytesSent)
        process()
        flush()
        updateInterest()
    }

    private func appendBodyPart(_ data: [UInt8], chunked: Bool) -> Int {
        guard !data.isEmpty else { return 0 }
        let before = output.readableBytes
        if chunked {
            output.append(decimal: data.count, radix: 16)
            output.append("\r\n")
            output.append(data)
            output.append("\r\n")
        } else {
            output.append(data)
        }
        return output.readableBytes - before
    }
}
