import CableParser

/// Writing the paragraph mentions: placed by paragraph, ordered by integer keys, and each surface string
/// made once per run of equal surfaces of one entity.
extension EntityExtractor {
    /// Fills every paragraph's `entities` from `resolver.attached`, in text order (the attachment order
    /// breaks ties), with the ids of the entities' name cache `entries`.
    func writeMentions(_ workspace: ExtractionWorkspace, _ resolver: borrowing EntityResolver, into cable: inout Cable, tokens: [TokenList],
                       entries: UnsafeBufferPointer<EntityNameCache.Entry?>) {
        var firstOfParagraph: [Int] = [], order: [UInt64] = [], wide: [ExtractionWorkspace.MentionOrder] = []
        var lastSurface: [ExtractionWorkspace.SurfaceMemo] = [], surfaces: [String] = []
        swap(&firstOfParagraph, &workspace.firstOfParagraph)
        swap(&order, &workspace.order)
        swap(&wide, &workspace.wideOrder)
        swap(&lastSurface, &workspace.lastSurface)
        swap(&surfaces, &workspace.surfaces)
        defer {
            swap(&firstOfParagraph, &workspace.firstOfParagraph)
            swap(&order, &workspace.order)
            swap(&wide, &workspace.wideOrder)
            swap(&lastSurface, &workspace.lastSurface)
            swap(&surfaces, &workspace.surfaces)
        }
        // Placed by paragraph (a counting pass); then each paragraph's run sorted by (first token, end
        // token, index), the order of (start, end, index) in the text. Every array is read and written
        // through a buffer: a subscript write to an array checks its uniqueness each time.
        let paragraphs = cable.paragraphs.count
        firstOfParagraph.removeAll(keepingCapacity: true)
        firstOfParagraph.append(contentsOf: repeatElement(0, count: paragraphs + 1))
        // One integer per mention when the cable's token indices and count fit (every real cable): a
        // comparison is one instruction, not four field tests.
        let packed = resolver.attached.count < 1 << 20 && tokens.allSatisfy { $0.count < 1 << 22 }
        order.removeAll(keepingCapacity: true)
        wide.removeAll(keepingCapacity: true)
        if packed {
            order.append(contentsOf: repeatElement(0, count: resolver.attached.count))
        } else {
            wide.append(contentsOf: repeatElement(.init(paragraph: 0, start: 0, end: 0, index: 0), count: resolver.attached.count))
        }
        resolver.attached.withUnsafeBufferPointer { attached in
            firstOfParagraph.withUnsafeMutableBufferPointer { starts in
                for a in attached { starts[a.place.paragraph + 1] += 1 }
                for p in 0..<paragraphs { starts[p + 1] += starts[p] }
                order.withUnsafeMutableBufferPointer { order in
                    wide.withUnsafeMutableBufferPointer { wide in
                        for index in attached.indices {
                            let place = attached[index].place
                            if packed {
                                order[starts[place.paragraph]] = UInt64(place.first) << 42 | UInt64(place.end) << 20 | UInt64(index)
                            } else {
                                wide[starts[place.paragraph]] = .init(paragraph: Int32(truncatingIfNeeded: place.paragraph),
                                                                      start: Int32(truncatingIfNeeded: place.first),
                                                                      end: Int32(truncatingIfNeeded: place.end),
                                                                      index: Int32(truncatingIfNeeded: index))
                            }
                            starts[place.paragraph] += 1
                        }
                    }
                }
            }
        }
        lastSurface.removeAll(keepingCapacity: true)
        lastSurface.append(contentsOf: repeatElement(.init(), count: resolver.entities.count))
        surfaces.removeAll(keepingCapacity: true)
        // (Each entry of `firstOfParagraph` now holds the end of its paragraph's run.)
        var next = 0
        for p in 0..<paragraphs {
            let end = firstOfParagraph[p]
            guard end > next else {
                cable.paragraphs[p].entities = []
                continue
            }
            // (Sorted through a buffer: sorting `order[next..<end]` copies the array for the slice.)
            if packed {
                order.withUnsafeMutableBufferPointer { all in
                    var run = UnsafeMutableBufferPointer(rebasing: all[next..<end])
                    run.sort()
                }
            } else {
                wide.withUnsafeMutableBufferPointer { all in
                    var run = UnsafeMutableBufferPointer(rebasing: all[next..<end])
                    run.sort()
                }
            }
            let list = tokens[p]
            // Byte offsets turned into scalar offsets by counting from one mention to the next.
            var cursor = ScalarCounter()
            let ascii = list.isASCII
            // Read through buffers: an element read from an array of entities or token lists copies it
            // (retaining its strings and arrays) unless the optimiser proves it need not. The paragraph's
            // array is made at its size and filled in place.
            let mentions = resolver.attached.withUnsafeBufferPointer { attached in
            resolver.entities.withUnsafeBufferPointer { entities in
            list.items.withUnsafeBufferPointer { items in
            list.bytes.withUnsafeBufferPointer { bytes in
            lastSurface.withUnsafeMutableBufferPointer { memo in
                [Cable.EntityMention](unsafeUninitializedCapacity: end - next) { out, count in
                    for k in next..<end {
                        let index = packed ? Int(order[k] & 0xF_FFFF) : Int(wide[k].index)
                        let entity = attached[index].entity, place = attached[index].place
                        let start = items[place.first].start, stop = items[place.end - 1].end
                        // (A one-token punctuation mark is written as `text` gives it, as before.)
                        let surface = place.end - place.first == 1 && items[place.first].kind == .punct ? list.text(place.first)
                            : surfaceString(entity, paragraph: p, start, stop, bytes: bytes, tokens: tokens, memo: memo,
                                            strings: &surfaces)
                        let scalarStart = ascii ? start : cursor.offset(start, in: bytes)
                        let scalarEnd = ascii ? stop : cursor.offset(stop, in: bytes)
                        (out.baseAddress! + count).initialize(to: .init(id: entries[entity].unsafelyUnwrapped.id,
                                                                        type: entities[entity].type.rawValue, surface: surface,
                                                                        start: scalarStart, end: scalarEnd))
                        count += 1
                    }
                }
            }
            }
            }
            }
            }
            cable.paragraphs[p].entities = mentions
            next = end
        }
    }

    /// The text of bytes `start..<stop` of paragraph `p`: the string made for the entity's previous mention
    /// when its bytes are the same (most mentions of an entity repeat its surface), else a new one.
    private func surfaceString(_ entity: Int, paragraph p: Int, _ start: Int, _ stop: Int, bytes: UnsafeBufferPointer<UInt8>,
                               tokens: [TokenList], memo: UnsafeMutableBufferPointer<ExtractionWorkspace.SurfaceMemo>,
                               strings: inout [String]) -> String {
        let last = memo[entity]
        if last.string >= 0, Int(last.end - last.start) == stop - start {
            let same: Bool
            if Int(last.paragraph) == p {
                same = Self.equal(bytes, start, bytes, Int(last.start), count: stop - start)
            } else {
                same = tokens[Int(last.paragraph)].bytes.withUnsafeBufferPointer { Self.equal(bytes, start, $0, Int(last.start), count: stop - start) }
            }
            if same { return strings[Int(last.string)] }
        }
        let made = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
        memo[entity] = .init(paragraph: Int32(truncatingIfNeeded: p), start: Int32(truncatingIfNeeded: start),
                             end: Int32(truncatingIfNeeded: stop), string: Int32(truncatingIfNeeded: strings.count))
        strings.append(made)
        return made
    }

    @inline(__always)
    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ i: Int, _ b: UnsafeBufferPointer<UInt8>, _ j: Int, count: Int) -> Bool {
        ByteKeyTable.sameBytes(a, i, b, j, count: count)
    }
}

/// Scalar offsets of byte offsets of one UTF-8 text, counted from the offset asked before (forwards or
/// backwards) eight bytes at a time: a byte starts a scalar unless it is a continuation byte (10xxxxxx).
struct ScalarCounter {
    private var byte = 0
    private var scalar = 0

    init() {}

    /// The number of scalars that start before byte `offset` of `bytes`.
    mutating func offset(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if offset >= byte {
            scalar += Self.starts(bytes, byte, offset)
        } else {
            scalar -= Self.starts(bytes, offset, byte)
        }
        byte = offset
        return scalar
    }

    /// Scalars starting in bytes `from..<to`.
    @inline(__always)
    static func starts(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var count = 0, k = from
        let raw = UnsafeRawBufferPointer(bytes)
        while k + 8 <= to {
            // Up to 31 words summed per byte lane, then the lanes added by one multiply: the eight lanes
            // total at most 248, so no partial sum carries out of its byte.
            var lanes: UInt64 = 0, words = 0
            while k + 8 <= to, words < 31 {
                let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                // Bit 7 of each continuation byte (bit 7 set, bit 6 shifted up into bit 7 clear), as 1 per lane.
                lanes &+= (w & ~(w << 1) & 0x8080_8080_8080_8080) >> 7
                k += 8
                words += 1
            }
            count += 8 * words - Int((lanes &* 0x0101_0101_0101_0101) >> 56)
        }
        while k < to {
            if bytes[k] & 0xC0 != 0x80 { count += 1 }
            k += 1
        }
        return count
    }
}
