/// Decides whether a write (POST /v1/cables, POST /v1/imports, DELETE) may go ahead.
///
/// With a token configured, the request must carry `Authorization: Bearer <token>`, compared in constant
/// time so response timing does not reveal how much of a guess was right. With none configured, the
/// service trusts only this machine: loopback clients may write, everyone else gets 403.
struct WriteAuthorization: Sendable {
    private let token: [UInt8]

    init(token: String) { self.token = Array(token.utf8) }

    /// Throws the problem to answer when the request may not write.
    func check(_ request: APIRequest) throws(Problem) {
        guard !token.isEmpty else {
            if request.peerIsLoopback { return }
            throw .forbidden("no write token is configured, so writes are accepted only from this machine (loopback); set auth.write_token (CABLEGATE_AUTH_WRITE_TOKEN) to allow remote writes")
        }
        guard let header = request.header("Authorization") else {
            throw .unauthorized("this write needs the header Authorization: Bearer <token>")
        }
        let prefix = "bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix else {
            throw .unauthorized("the Authorization header must use the Bearer scheme")
        }
        let offered = Array(header.utf8.dropFirst(prefix.count))
        guard Self.constantTimeEqual(offered, token) else {
            throw .unauthorized("the bearer token is not the configured write token")
        }
    }

    /// Compares every byte of the longer input whatever the contents, so the time depends only on lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        let n = max(a.count, b.count)
        for i in 0..<n {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= x ^ y
        }
        return difference == 0 && a.count == b.count
    }
}
