// Serves GET /bench with the bytes of the payload file given as the first argument, on 127.0.0.1 and the
// port given as the second argument; the same contract as our http-bench-server.
import Foundation
import Hummingbird

let arguments = CommandLine.arguments
guard arguments.count == 3, let port = Int(arguments[2]),
      let payload = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: HummingbirdReference PAYLOAD.json PORT\n".utf8))
    exit(2)
}
let bytes = ByteBuffer(bytes: payload)

let router = Router()
router.get("bench") { _, _ -> Response in
    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: bytes))
}
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
