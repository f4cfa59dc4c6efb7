#if canImport(Glibc)
import Glibc
#endif

/// Creates the listening socket: IPv4 or IPv6 by the form of the host literal, `SO_REUSEADDR`,
/// non-blocking, and reports the bound port (the kernel's pick for port 0).
enum Listener {
    static func bind(host: String, port: Int, backlog: Int32) throws(SystemError) -> (Int32, Int) {
        guard (0...65535).contains(port) else { throw SystemError(function: "bind (port \(port) out of range)", errno: EINVAL) }
        let isIPv6 = host.contains(":")
        let family = isIPv6 ? AF_INET6 : AF_INET
        let fd = try Sys.checked("socket") { socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        do throws(SystemError) {
            try Sys.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR")
            if isIPv6 {
                var address = sockaddr_in6()
                address.sin6_family = sa_family_t(AF_INET6)
                address.sin6_port = UInt16(port).bigEndian
                guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
                    throw SystemError(function: "inet_pton(\(host))", errno: EINVAL)
                }
                _ = try Sys.checked("bind(\(host):\(port))") {
                    withUnsafePointer(to: &address) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
                    }
                }
            } else {
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = UInt16(port).bigEndian
                let literal = host == "localhost" ? "127.0.0.1" : host
                guard inet_pton(AF_INET, literal, &address.sin_addr) == 1 else {
                    throw SystemError(function: "inet_pton(\(host))", errno: EINVAL)
                }
                _ = try Sys.checked("bind(\(host):\(port))") {
                    withUnsafePointer(to: &address) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                    }
                }
            }
            _ = try Sys.checked("listen") { listen(fd, backlog) }
            return (fd, try boundPort(fd))
        } catch {
            close(fd)
            throw error
        }
    }

    private static func boundPort(_ fd: Int32) throws(SystemError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try Sys.checked("getsockname") {
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
        }
        return peer(storage).port
    }

    /// Converts a socket address into a `PeerAddress`.
    static func peer(_ storage: sockaddr_storage) -> PeerAddress {
        var storage = storage
        let family = Int32(storage.ss_family)
        return withUnsafeBytes(of: &storage) { raw in
            switch family {
            case AF_INET:
                let address = raw.load(as: sockaddr_in.self)
                let bytes = withUnsafeBytes(of: address.sin_addr) { Array($0) }
                return PeerAddress(addressBytes: bytes, port: Int(UInt16(bigEndian: address.sin_port)))
            case AF_INET6:
                let address = raw.load(as: sockaddr_in6.self)
                let bytes = withUnsafeBytes(of: address.sin6_addr) { Array($0) }
                return PeerAddress(addressBytes: bytes, port: Int(UInt16(bigEndian: address.sin6_port)))
            default:
                return PeerAddress(addressBytes: [], port: 0)
            }
        }
    }
}
