#if canImport(Glibc)
import Glibc
#endif

/// A growable byte buffer with a read and a write index, reused for the life of a connection so
/// reading and parsing happen in place without per-request allocation.
final class RawBuffer {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    private(set) var readIndex = 0
    private(set) var writeIndex = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    var readableBytes: Int { writeIndex - readIndex }
    var isEmpty: Bool { readIndex == writeIndex }
    var writableBytes: Int { capacity - writeIndex }

    var readable: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + readIndex, count: writeIndex - readIndex)
    }

    var writable: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: base + writeIndex, count: capacity - writeIndex)
    }

    func consume(_ count: Int) {
        readIndex += count
        if readIndex == writeIndex { readIndex = 0; writeIndex = 0 }
    }

    func commit(_ count: Int) { writeIndex += count }

    /// Makes room for at least `count` more bytes: first by moving unread bytes to the front, then
    /// by growing.
    func reserve(_ count: Int) {
        if capacity - writeIndex >= count { return }
        if readIndex > 0 {
            let length = readableBytes
            if length > 0 { memmove(base, base + readIndex, length) }
            readIndex = 0
            writeIndex = length
            if capacity - writeIndex >= count { return }
        }
        var newCapacity = capacity
        while newCapacity - writeIndex < count { newCapacity *= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: writeIndex)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Returns to `capacity` bytes when empty and grown past it, so one large response does not
    /// pin memory for the life of a keep-alive connection.
    func shrink(to target: Int) {
        guard isEmpty, capacity > target else { return }
        base.deallocate()
        base = UnsafeMutableRawPointer.allocate(byteCount: target, alignment: 16)
        capacity = target
    }

    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + writeIndex).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        writeIndex += bytes.count
    }

    @inline(__always)
    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    @inline(__always)
    func append(_ string: StaticString) {
        append(UnsafeRawBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
    }

    @inline(__always)
    func append(_ string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    func append(byte: UInt8) {
        reserve(1)
        base.storeBytes(of: byte, toByteOffset: writeIndex, as: UInt8.self)
        writeIndex += 1
    }

    /// Appends a non-negative integer in decimal (or hex) without creating a String.
    func append(decimal value: Int, radix: Int = 10) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let hex: StaticString = "0123456789abcdef"
        withUnsafeMutableBytes(of: &digits) { scratch in
            var number = max(0, value)
            var position = scratch.count
            repeat {
                position -= 1
                scratch[position] = hex.utf8Start[number % radix]
                number /= radix
            } while number > 0
            append(UnsafeRawBufferPointer(rebasing: scratch[position...]))
        }
    }
}
