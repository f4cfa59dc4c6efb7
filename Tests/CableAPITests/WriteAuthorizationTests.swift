import Testing
@testable import CableAPI

@Suite("Write authorization")
struct WriteAuthorizationTests {
    func status(_ auth: WriteAuthorization, header: String?, loopback: Bool) -> Int {
        let request = APIRequest(method: "POST", path: "/v1/cables",
                                 headers: header.map { [("Authorization", $0)] } ?? [], peerIsLoopback: loopback)
        do { try auth.check(request); return 200 } catch { return error.status }
    }

    @Test("no token configured: loopback may write, others get 403")
    func noToken() {
        let auth = WriteAuthorization(token: "")
        #expect(status(auth, header: nil, loopback: true) == 200)
        #expect(status(auth, header: nil, loopback: false) == 403)
        #expect(status(auth, header: "Bearer anything", loopback: false) == 403)
    }

    @Test("token configured: exactly that bearer token, from anywhere")
    func token() {
        let auth = WriteAuthorization(token: "s3cret-token")
        #expect(status(auth, header: nil, loopback: true) == 401)
        #expect(status(auth, header: "Bearer s3cret-token", loopback: false) == 200)
        #expect(status(auth, header: "bearer s3cret-token", loopback: true) == 200)
        #expect(status(auth, header: "Bearer s3cret-toke", loopback: true) == 401)
        #expect(status(auth, header: "Bearer s3cret-token2", loopback: true) == 401)
        #expect(status(auth, header: "Basic czNjcmV0", loopback: true) == 401)
        #expect(status(auth, header: "Bearer ", loopback: true) == 401)
    }

    @Test("constant-time comparison agrees with ==")
    func comparison() {
        let samples: [[UInt8]] = [[], [1], [1, 2], [1, 3], Array(repeating: 7, count: 256), Array(repeating: 7, count: 512)]
        for a in samples { for b in samples { #expect(WriteAuthorization.constantTimeEqual(a, b) == (a == b)) } }
    }
}
