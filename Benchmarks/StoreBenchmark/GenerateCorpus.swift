import ArgumentParser
import CableParser
import Gzip
import Foundation

/// Writes a cables.csv (optionally gzip) of N cables recombined from the development cables.
///
/// Each record takes the text of one dev cable (so lengths follow the real distribution) and gives
/// it a new identity: a new serial (unique per station), a new year (2003–2010) in the DTG and the
/// id, and the banner serial rewritten to match. Header and body come from two different dev cables
/// of the same station when one exists, so the corpus is not just copies. Deterministic for a seed.
struct GenerateCorpus: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write a synthetic cables.csv(.gz).")

    @Option(help: "Directory of dev cables (<ID>.txt).")
    var source = "../shared/corpus/cables"

    @Option(help: "Number of records.")
    var count = 251_287

    @Option(help: "Output path; ends in .gz for gzip.")
    var output: String

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    func run() throws {
        let templates = try loadTemplates()
        guard !templates.isEmpty else { throw ValidationError("\(source): no parseable cables") }
        var byStation: [String: [Int]] = [:]
        for (index, template) in templates.enumerated() { byStation[template.station, default: []].append(index) }
        var random = SplitMix64(seed: seed)
        var serials: [String: Int] = [:]
        let sink = try OutputSink(path: output)
        var bytes = 0
        let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        for number in 1...count {
            let body = templates[Int(random.next() % UInt64(templates.count))]
            let siblings = byStation[body.station] ?? []
            let head = templates[siblings[Int(random.next() % UInt64(siblings.count))]]
            let serial = (serials[body.station] ?? 0) + 1 + Int(random.next() % 3)
            serials[body.station] = serial
            let year = 2003 + Int(random.next() % 8)
            let yy = String(format: "%02d", year % 100)
            let month = Int(random.next() % 12)
            let day = 1 + Int(random.next() % 28)
            let time = String(format: "%02d%02d", Int(random.next() % 24), Int(random.next() % 60))
            let dtg = String(format: "%02d", day) + time + "Z " + months[month] + " " + yy
            let id = yy + body.station + String(serial)
            var header = head.header
            if let old = head.dtg { header = header.replacingOccurrences(of: old, with: dtg) }
            var content = body.content
            if let old = body.dtg { content = content.replacingOccurrences(of: old, with: dtg) }
            content = content.replacingOccurrences(of: body.paddedSerial, with: String(format: "%06d", serial))
            header = header.replacingOccurrences(of: head.paddedSerial, with: String(format: "%06d", serial))
            let date = "\(month + 1)/\(day)/\(year) \(time.prefix(2)):\(time.suffix(2))"
            let fields = ["\(number)", date, id, body.origin, body.classification, "", header, content]
            let line = fields.map(Self.quote).joined(separator: ",") + "\n"
            bytes += line.utf8.count
            try sink.write(line)
        }
        try sink.close()
        print("wrote \(count) records, \(bytes) bytes of CSV (\(String(format: "%.2f", Double(bytes) / 1e9)) GB) to \(output)")
    }

    static func quote(_ field: String) -> String {
        "\"" + field.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    struct Template {
        var station: String
        var origin: String
        var classification: String
        var header: String
        var content: String
        var dtg: String?
        var paddedSerial: String
    }

    func loadTemplates() throws -> [Template] {
        let parser = CableParser()
        let files = try FileManager.default.contentsOfDirectory(atPath: source).filter { $0.hasSuffix(".txt") }.sorted()
        return files.compactMap { name -> Template? in
            guard let data = FileManager.default.contents(atPath: source + "/" + name) else { return nil }
            let text = TextDecoding.decode([UInt8](data))
            guard let cable = try? parser.parse(text, knownID: String(name.dropLast(4))),
                  let split = text.range(of: "\n\n") else { return nil }
            var content = String(text[split.upperBound...])
            if content.hasSuffix("\n") { content.removeLast() }
            return Template(station: cable.station, origin: cable.origin ?? "", classification: cable.classification ?? "",
                            header: String(text[..<split.lowerBound]), content: content, dtg: cable.header.dtg,
                            paddedSerial: String(format: "%06d", cable.serial))
        }
    }
}

/// Buffered file output, gzip-compressed (level 1) when the path ends in `.gz`.
final class OutputSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let deflater: GzipDeflater?

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { throw ValidationError("\(path): cannot create") }
        self.handle = handle
        deflater = path.hasSuffix(".gz") ? GzipDeflater(level: 1) : nil
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush(finish: false) }
    }

    func close() throws {
        try flush(finish: true)
        try handle.close()
    }

    private func flush(finish: Bool) throws {
        var out: [UInt8] = []
        if let deflater {
            guard deflater.append(buffer, finish: finish, to: &out) else { throw ValidationError("zlib refused the output") }
        } else {
            out = buffer
        }
        handle.write(Data(out))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A small seeded generator so the corpus is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
