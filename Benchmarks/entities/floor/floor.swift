// The floor of any per-word entity extractor: one pass over every byte of every cable, word boundaries
// from a class table, an FNV-1a hash per capitalised word (every word of an ALL-CAPS cable) and one
// probe into an open-addressing table the size of the extractor's lexicon. No rules, no output.
// floor.c is its C twin. Usage: floor CORPUS_DIR WORDS_FILE (run-floor.sh builds and runs both).
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3, let list = try? String(contentsOfFile: arguments[2], encoding: .utf8),
      let names = try? FileManager.default.contentsOfDirectory(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: floor CORPUS_DIR WORDS_FILE (both readable)\n".utf8))
    exit(2)
}
let texts: [[UInt8]] = names.filter { $0.hasSuffix(".txt") }.sorted().compactMap {
    FileManager.default.contents(atPath: arguments[1] + "/" + $0).map { Array($0) }
}

var classes = [UInt8](repeating: 0, count: 256)  // 0 other, 1 lower, 2 upper, 3 digit
for b in UInt8(ascii: "a")...UInt8(ascii: "z") { classes[Int(b)] = 1 }
for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { classes[Int(b)] = 2 }
for b in UInt8(ascii: "0")...UInt8(ascii: "9") { classes[Int(b)] = 3 }

func fnv(_ p: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> UInt64 {
    var h: UInt64 = 0xcbf29ce484222325
    for i in a..<b { h = (h ^ UInt64(p[i] | 0x20)) &* 0x100000001b3 }
    return h | 1  // 0 marks an empty slot
}

let slots = 1 << 18
var table = [UInt64](repeating: 0, count: slots)
for word in list.split(separator: "\n") {
    let bytes = Array(word.utf8)
    let h = bytes.withUnsafeBufferPointer { fnv($0, 0, bytes.count) }
    var s = Int(h & UInt64(slots - 1))
    while table[s] != 0 && table[s] != h { s = (s + 1) & (slots - 1) }
    table[s] = h
}

func cpu() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

var best = Double.infinity, hits = 0, probes = 0, words = 0
for _ in 0..<5 {
    let t0 = cpu()
    hits = 0; probes = 0; words = 0
    for text in texts {
        text.withUnsafeBufferPointer { p in
            // Per cable rather than per paragraph: fewer probes, so the floor stays a lower bound.
            let caps = !p.contains { classes[Int($0)] == 1 }
            var i = 0
            while i < p.count {
                let c = classes[Int(p[i])]
                if c == 0 { i += 1; continue }
                let start = i
                i += 1
                while i < p.count && classes[Int(p[i])] != 0 { i += 1 }
                words += 1
                guard caps || c == 2 else { continue }
                probes += 1
                let h = fnv(p, start, i)
                var s = Int(h & UInt64(slots - 1))
                while table[s] != 0 {
                    if table[s] == h { hits += 1; break }
                    s = (s + 1) & (slots - 1)
                }
            }
        }
    }
    best = min(best, cpu() - t0)
}
let megabytes = Double(texts.reduce(0) { $0 + $1.count }) / 1e6
print(String(format: "%d files %.1f MB: %d words, %d probes, %d hits; best of 5: %.4f s (%.0f MB/s)",
             texts.count, megabytes, words, probes, hits, best, megabytes / best))
