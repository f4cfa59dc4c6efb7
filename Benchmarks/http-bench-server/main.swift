// The benchmark twin of Benchmarks/HummingbirdReference: serves GET /bench with the bytes of the
// payload file given as the first argument, on 127.0.0.1 and the port given as the second argument.
import HTTPServer
import Logging

#if canImport(Glibc)
import Glibc
#endif

let arguments = CommandLine.arguments
guard arguments.count >= 3, let port = Int(arguments[2]), let file = fopen(arguments[1], "rb") else {
    print("usage: http-bench-server PAYLOAD.json PORT [LOOPS]")
    exit(2)
}
var payload: [UInt8] = []
var chunk = [UInt8](repeating: 0, count: 4096)
while true {
    let count = fread(&chunk, 1, chunk.count, file)
    if count <= 0 { break }
    payload.append(contentsOf: chunk[0..<count])
}
fclose(file)
let body = payload

var router = Router<Void>()
router.get("/bench") { _, _ in .json(body) }

var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: port)
if arguments.count >= 4, let loops = Int(arguments[3]) { configuration.loopCount = loops }
// The access log stays off in benchmarks, as it does in Hummingbird's default configuration.
configuration.logger.logLevel = .warning
let server = HTTPServer(configuration: configuration, router: router)
HTTPServer<Void>.shutdownOnSignals { server.shutdown() }
try server.run()
