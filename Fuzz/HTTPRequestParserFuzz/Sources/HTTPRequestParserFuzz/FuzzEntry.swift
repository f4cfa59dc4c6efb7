// Feeds arbitrary bytes to the request-head parser (split at a point chosen by the first input
// byte, as a socket would deliver them), then to the body decoder the head asks for, then to the
// path and query decoders. Any trap, sanitizer report or broken invariant is a finding.
import HTTPServer

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let split = Int(data[0])
    let bytes = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    var limits = HTTPServerLimits()
    limits.maxRequestLineBytes = 512
    limits.maxHeaderBytes = 1024
    limits.maxHeaderCount = 16
    var parser = HTTPRequestHeadParser(limits: limits)
    do {
        if split < bytes.count {
            _ = try parser.parse(UnsafeRawBufferPointer(rebasing: bytes[0..<split]))
        }
        guard let (head, consumed) = try parser.parse(bytes) else { return 0 }
        precondition(consumed > 0 && consumed <= bytes.count, "consumed \(consumed) of \(bytes.count)")
        _ = try? QueryItems(parsing: head.query ?? "")
        var decoder = HTTPBodyDecoder(framing: head.framing, maxBodyBytes: 4096, limits: limits)
        var rest = UnsafeRawBufferPointer(rebasing: bytes[consumed...])
        var received = 0
        while !rest.isEmpty && !decoder.isComplete {
            let step = min(rest.count, max(1, split))
            let used = try decoder.decode(UnsafeRawBufferPointer(rebasing: rest[0..<step])) { received += $0.count }
            precondition(used <= step, "decoder used \(used) of \(step)")
            if used == 0 { break }
            rest = UnsafeRawBufferPointer(rebasing: rest[used...])
        }
        precondition(received == decoder.received && received <= 4096, "body accounting")
    } catch {
        precondition((400...499).contains(error.status.code), "non-4xx parse error \(error)")
    }
    return 0
}
