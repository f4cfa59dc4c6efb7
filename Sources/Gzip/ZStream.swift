import CZlib

/// A zlib stream at a fixed address, set up for deflate or inflate and ended when released.
///
/// zlib's state keeps a pointer back to its `z_stream` and refuses to work (`Z_STREAM_ERROR`) if the
/// struct has moved, so the struct lives in memory allocated once rather than in a Swift property.
final class ZStream {
    enum Direction { case deflate, inflate }

    let pointer: UnsafeMutablePointer<z_stream>
    private let direction: Direction

    /// nil when zlib refuses the parameters or cannot allocate its state.
    init?(_ direction: Direction, setUp: (UnsafeMutablePointer<z_stream>) -> Int32) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: z_stream())
        self.direction = direction
        guard setUp(pointer) == Z_OK else {
            pointer.deinitialize(count: 1)
            pointer.deallocate()
            return nil
        }
    }

    deinit {
        switch direction {
        case .deflate: deflateEnd(pointer)
        case .inflate: inflateEnd(pointer)
        }
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }

    /// zlib's own description of the last error, or a description of `status`.
    func message(_ status: Int32) -> String {
        pointer.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
    }
}
