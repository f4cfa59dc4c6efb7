import CHTTPSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A failed system call: the function's name and the `errno` it left.
public struct SystemError: Error, CustomStringConvertible, Sendable {
    /// The C function that failed, e.g. `"bind"`.
    public var function: String
    /// The `errno` value it reported.
    public var errno: Int32

    public var description: String {
        "\(function) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

/// The outcome of a non-blocking call: done, or the kernel would have had to wait.
enum IOResult<T> {
    case done(T)
    case wouldBlock
}

/// Thin wrappers over the syscalls the server uses: retry `EINTR`, turn `EAGAIN` into `.wouldBlock`,
/// and throw a `SystemError` naming the call otherwise, so no caller repeats that dance.
enum Sys {
    @inline(__always)
    static func call(_ name: @autoclosure () -> String, _ body: () -> Int) throws(SystemError) -> IOResult<Int> {
        while true {
            let result = body()
            if result >= 0 { return .done(result) }
            let code = Glibc.errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
            throw SystemError(function: name(), errno: code)
        }
    }

    /// Runs a call that must not block (setup calls): `EAGAIN` is an error here.
    static func checked(_ name: String, _ body: () -> Int32) throws(SystemError) -> Int32 {
        while true {
            let result = body()
            if result >= 0 { return result }
            if Glibc.errno == EINTR { continue }
            throw SystemError(function: name, errno: Glibc.errno)
        }
    }

    /// A non-blocking, close-on-exec pipe used to wake a thread (`[read end, write end]`).
    static func wakePipe() throws(SystemError) -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        _ = try checked("pipe2") { chttp_pipe_nonblocking(&fds) }
        return (fds[0], fds[1])
    }

    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    static func setNonBlocking(_ fd: Int32) throws(SystemError) {
        let flags = try checked("fcntl(F_GETFL)") { fcntl(fd, F_GETFL) }
        _ = try checked("fcntl(F_SETFL)") { fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    static func setOption(_ fd: Int32, _ level: Int32, _ option: Int32, _ value: Int32, _ name: String) throws(SystemError) {
        var value = value
        _ = try checked("setsockopt(\(name))") {
            setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Raises the soft open-file limit to the hard limit: a server holding thousands of keep-alive
    /// connections must not trip over a shell's default of 1,024.
    static func raiseFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}

/// A pthread mutex with a condition variable, heap-allocated so its address never moves.
/// Used where a worker thread must block (offload queue, body streams); the loops never wait on it.
final class ConditionLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits for a signal; call only inside `withLock`.
    func wait() { pthread_cond_wait(condition, mutex) }

    /// Waits for a signal or until `nanoseconds` have passed; call only inside `withLock`.
    func wait(nanoseconds: UInt64) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let total = UInt64(now.tv_nsec) + nanoseconds % 1_000_000_000
        var deadline = timespec()
        deadline.tv_sec = now.tv_sec + Int(nanoseconds / 1_000_000_000) + Int(total / 1_000_000_000)
        deadline.tv_nsec = Int(total % 1_000_000_000)
        pthread_cond_timedwait(condition, mutex, &deadline)
    }

    func broadcast() { pthread_cond_broadcast(condition) }
}

/// Starts a detached-from-Swift-concurrency pthread running `body`; returns its id for joining.
enum Threads {
    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func spawn(name: String, _ body: @escaping @Sendable () -> Void) throws(SystemError) -> pthread_t {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        guard result == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw SystemError(function: "pthread_create", errno: result)
        }
        return thread
    }

    static func join(_ thread: pthread_t) {
        pthread_join(thread, nil)
    }
}
