import CHTTPSystem

#if canImport(Glibc)
import Glibc
#endif

/// The write end used by the C signal handler; a signal handler can capture nothing, and writing an
/// pipe is async-signal-safe where calling into Swift is not.
nonisolated(unsafe) private var signalWriteFD: Int32 = -1

extension HTTPServer {
    /// Calls `action` (on a dedicated thread) the first time the process receives SIGTERM or SIGINT,
    /// typically `{ server.shutdown() }`. Also ignores SIGPIPE. Call once per process.
    public static func shutdownOnSignals(_ signals: [Int32] = [SIGTERM, SIGINT], _ action: @escaping @Sendable () -> Void) {
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [-1, -1]
        guard chttp_pipe_nonblocking(&fds) == 0 else { return }
        let readFD = fds[0]
        signalWriteFD = fds[1]
        for number in signals {
            signal(number) { _ in
                var one: UInt8 = 1
                _ = write(signalWriteFD, &one, 1)
            }
        }
        _ = try? Threads.spawn(name: "http-signals") {
            var poller = pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)
            while poll(&poller, 1, -1) < 0 && errno == EINTR {}
            action()
        }
    }
}
