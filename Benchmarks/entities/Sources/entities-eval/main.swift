import CableEntities
import CableParser
import CableStore
import Foundation

// entities-eval: runs the parser and the entity extractor over cable files.
//   entities-eval extract FILE...   one JSON line per cable: {"id", "entities": [{"name","type","aliases"}]}
//   entities-eval bench DIR [ROUNDS] over every *.txt in DIR, thread CPU time: parse, extraction, and
//                                    the import's store preparation (PreparedCable) with and without entities
//   entities-eval show FILE          paragraphs with their mentions, for reading by eye
//   entities-eval dump FILE...       every summary and mention with ids and offsets, to diff two builds

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    FileHandle.standardError.write(Data("usage: entities-eval extract FILE... | bench DIR [ROUNDS] | show FILE | dump FILE...\n".utf8))
    exit(2)
}

func readCable(_ path: String) -> (Cable, String)? {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        return nil
    }
    let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    do {
        return (try CableParser().parse(bytes: Array(data), knownID: id), String(decoding: data, as: UTF8.self))
    } catch {
        FileHandle.standardError.write(Data("\(path): \(error)\n".utf8))
        return nil
    }
}

let extractor = EntityExtractor()
if let error = extractor.loadError {
    FileHandle.standardError.write(Data("gazetteer: \(error)\n".utf8))
    exit(1)
}

switch command {
case "extract":
    for path in arguments.dropFirst() {
        guard case (var cable, let raw)? = readCable(path) else { continue }
        extractor.annotate(&cable, rawText: raw)
        var surfaces: [String: Set<String>] = [:]
        for paragraph in cable.paragraphs {
            for m in paragraph.entities { surfaces[m.id, default: []].insert(m.surface) }
        }
        let entities: [[String: Any]] = cable.entities.map {
            ["name": $0.name, "type": $0.type, "mentions": $0.mentions, "aliases": Array(surfaces[$0.id] ?? []).sorted(), "id": $0.id]
        }
        let line = try JSONSerialization.data(withJSONObject: ["id": cable.id, "entities": entities], options: [.sortedKeys])
        print(String(decoding: line, as: UTF8.self))
    }
case "show":
    for path in arguments.dropFirst() {
        guard case (var cable, let raw)? = readCable(path) else { continue }
        extractor.annotate(&cable, rawText: raw)
        print("== \(cable.id)  subject: \(cable.subject ?? "-")  signature: \(cable.signature ?? "-")  classified by: \(cable.classifiedBy?.name ?? "-")")
        for e in cable.entities { print("  \(e.id)  \(e.name)  x\(e.mentions)") }
        for paragraph in cable.paragraphs {
            print("-- ¶\(paragraph.number): " + paragraph.entities.map { "[\($0.surface)|\($0.type.prefix(3))]" }.joined(separator: " "))
        }
    }
case "dump":
    // The full output, so that a speed change can be checked to change nothing (diff two runs).
    for path in arguments.dropFirst() {
        guard case (var cable, let raw)? = readCable(path) else { continue }
        extractor.annotate(&cable, rawText: raw)
        print("== \(cable.id) \(cable.warnings.filter { $0.hasPrefix("entities") })")
        for e in cable.entities { print("  \(e.id)\t\(e.name)\t\(e.type)\t\(e.mentions)") }
        for paragraph in cable.paragraphs {
            print("-- \(paragraph.number): " + paragraph.entities.map { "\($0.id)|\($0.type)|\($0.start)-\($0.end)|\($0.surface)" }.joined(separator: " ; "))
        }
    }
case "bench":
    guard arguments.count >= 2 else { print("bench DIR [ROUNDS]"); exit(2) }
    let dir = arguments[1]
    let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
    guard let listing = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
        FileHandle.standardError.write(Data("bench: cannot list directory \(dir)\n".utf8))
        exit(2)
    }
    let files = listing.filter { $0.hasSuffix(".txt") }.sorted()
    let inputs = files.compactMap { name -> ([UInt8], String)? in
        guard let data = FileManager.default.contents(atPath: dir + "/" + name) else { return nil }
        return (Array(data), String(name.dropLast(4)))
    }
    let bytes = inputs.reduce(0) { $0 + $1.0.count }
    let parser = CableParser()
    // The raw text is decoded outside the timed region: an importer has it already.
    let texts = inputs.map { String(decoding: $0.0, as: UTF8.self) }
    var parsed: [(Cable, Int)] = []
    var parseBest = Double.infinity, extractBest = Double.infinity
    // What an import worker does next with each cable (JSON, hashes, gzip, entity rows: `PreparedCable`),
    // for the cable as parsed and as annotated: the import's cost of entities beyond extraction.
    var prepareBest = Double.infinity, prepareAnnotatedBest = Double.infinity
    var mentions = 0
    // CPU time of this thread: the machine is shared, so wall time mostly measures the neighbours.
    func cpuNow() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
    for _ in 0..<rounds {
        let t0 = cpuNow()
        parsed = inputs.enumerated().compactMap { index, input in
            (try? parser.parse(bytes: input.0, knownID: input.1)).map { ($0, index) }
        }
        let t1 = cpuNow()
        mentions = 0
        var annotatedCables: [Cable] = []
        annotatedCables.reserveCapacity(parsed.count)
        for (cable, index) in parsed {
            var annotated = cable
            extractor.annotate(&annotated, rawText: texts[index])
            mentions += annotated.paragraphs.reduce(0) { $0 + $1.entities.count }
            annotatedCables.append(annotated)
        }
        let t2 = cpuNow()
        var stored = 0
        for (cable, index) in parsed { stored += (try? PreparedCable(raw: texts[index], cable: cable))?.json.count ?? 0 }
        let t3 = cpuNow()
        for (cable, (_, index)) in zip(annotatedCables, parsed) {
            stored += (try? PreparedCable(raw: texts[index], cable: cable))?.json.count ?? 0
        }
        let t4 = cpuNow()
        precondition(stored > 0)
        parseBest = min(parseBest, Double(t1 - t0) / 1e9)
        extractBest = min(extractBest, Double(t2 - t1) / 1e9)
        prepareBest = min(prepareBest, Double(t3 - t2) / 1e9)
        prepareAnnotatedBest = min(prepareAnnotatedBest, Double(t4 - t3) / 1e9)
    }
    print(String(format: "cables %d, %.1f MB, best of %d rounds, thread CPU time", parsed.count, Double(bytes) / 1e6, rounds))
    print(String(format: "parse           %.3f s  (%.1f MB/s)", parseBest, Double(bytes) / 1e6 / parseBest))
    print(String(format: "extract entities %.3f s  (%.1f MB/s), %d paragraph mentions", extractBest, Double(bytes) / 1e6 / extractBest, mentions))
    print(String(format: "extraction adds %.1f%% to parse time", extractBest / parseBest * 100))
    print(String(format: "store preparation %.3f s as parsed, %.3f s as annotated", prepareBest, prepareAnnotatedBest))
    let worker = parseBest + prepareBest, workerWithEntities = parseBest + extractBest + prepareAnnotatedBest
    print(String(format: "import worker per cable: %.3f s without entities, %.3f s with (+%.1f%%; extraction %.1f%% of parse + preparation)",
                 worker, workerWithEntities, (workerWithEntities / worker - 1) * 100, extractBest / worker * 100))
default:
    FileHandle.standardError.write(Data("unknown command \(command)\n".utf8))
    exit(2)
}
