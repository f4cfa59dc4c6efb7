/// One parse in progress: the text, the cable being filled in, and the warnings collected so far.
///
/// Each step reads one part of the cable (routing header, banner, preamble, body) and records
/// where it ended, so later steps only look at the lines that can hold their field.
struct CableReader {
    let text: CableText
    let knownID: String?
    var warnings: [String] = []

    /// How far down the text the banner may start (State cables carry long distribution blocks).
    static let bannerSearchLines = 400

    init(text: CableText, knownID: String?) {
        self.text = text
        self.knownID = knownID
    }

    mutating func read() throws(CableParseError) -> Cable {
        let searchEnd = min(text.lineCount, Self.bannerSearchLines)
        let banner = findBanner(before: searchEnd)
        let headerEnd = banner?.line ?? firstBodyLine(before: searchEnd)
        let routing = RoutingHeader(text: text, lines: 0..<headerEnd)
        let bodyStart = banner.map { $0.line + 1 } ?? headerEnd
        let repeated = repeatedCableDTG(from: bodyStart)
        let dtg = repeated ?? routing.dtg
        let identity = try identify(banner: banner, routing: routing, dtg: dtg, headerEnd: headerEnd)

        var cable = Cable(id: identity.id, station: identity.station, serial: identity.serial)
        cable.header = routing.header
        cable.date = dtg?.iso8601
        if dtg == nil { warnings.append("no date-time group (like 191204Z NOV 07): date unknown") }
        cable.partial = isPartialExtract()
        cable.section = banner?.section
        cable.origin = origin(routing: routing, station: identity.station, banner: banner)
        var preamble = Preamble(text: text, lines: bodyStart..<text.lineCount, cableYear: identity.year)
        preamble.read()
        cable.caveats = (banner?.markings ?? []).filter { $0 != "MR" && $0 != "FGI" }
        for caveat in preamble.caveats where !cable.caveats.contains(caveat) { cable.caveats.append(caveat) }
        cable.corrected = preamble.corrected
        cable.classification = classification(banner: banner, caveats: (banner?.markings ?? []) + preamble.captions)
        if let level = otherCablesBanner(banner, routing: routing) {
            cable.classification = level
        }
        cable.executiveOrder = preamble.executiveOrder
        cable.declassifyOn = preamble.declassifyOn
        cable.tags = preamble.tags
        cable.subject = preamble.subject
        cable.references = preamble.references
        cable.classifiedBy = preamble.classifiedBy
        warnings.append(contentsOf: preamble.warnings)

        var body = Body(text: text, lines: preamble.bodyStart..<text.lineCount)
        body.read()
        cable.paragraphs = body.paragraphs
        if cable.classification == nil, let level = Self.highestPortionMark(body.paragraphs) {
            cable.classification = classification(level: level, caveats: preamble.captions)
            warnings.append("no classification banner: classification taken from the highest portion mark")
        }
        cable.summary = body.summary
        cable.comments = body.comments
        cable.signature = body.signature
        cable.wordCount = body.wordCount
        warnings.append(contentsOf: body.warnings)
        cable.warnings = warnings
        return cable
    }

    /// Without a banner the header ends at the first blank line after its `FM`/`TO` block.
    private func firstBodyLine(before limit: Int) -> Int {
        var seenAddress = false
        for line in 0..<limit {
            let range = text.trimmed(line)
            if range.isEmpty {
                if seenAddress { return line + 1 }
                continue
            }
            if ByteScan.hasPrefix(text.bytes, range, "FM ") || ByteScan.hasPrefix(text.bytes, range, "TO ") {
                seenAddress = true
            }
        }
        return 0
    }

    private func isPartialExtract() -> Bool {
        for line in 0..<min(text.lineCount, 8) {
            if ByteScan.find(text.bytes, text.lines[line], "PARTIAL EXTRACT OF THE ORIGINAL CABLE") != nil {
                return true
            }
        }
        return false
    }

    private func origin(routing: RoutingHeader, station: String, banner: Banner?) -> String? {
        if let from = routing.header.from, let name = Origin.name(fromAddressee: from.name) { return name }
        return Origin.name(fromStation: station, spelled: banner?.stationSpelling)
    }

    /// Overall classification as published: the banner's level, `//NOFORN` when the banner or the
    /// caption lines under it carry NOFORN, and `UNCLASSIFIED//FOR OFFICIAL USE ONLY` for unclassified
    /// cables captioned SENSITIVE. Caveats stated elsewhere in the text stay in `caveats` only.
    private func classification(banner: Banner?, caveats: [String]) -> String? {
        guard let level = banner?.classification ?? fallbackClassification() else { return nil }
        return classification(level: level, caveats: caveats)
    }

    private func classification(level: String, caveats: [String]) -> String {
        if level == "UNCLASSIFIED" {
            return caveats.contains("SENSITIVE") ? "UNCLASSIFIED//FOR OFFICIAL USE ONLY" : level
        }
        return caveats.contains("NOFORN") ? level + "//NOFORN" : level
    }

    /// A line that is only a classification word (`CONFIDENTIAL`), for cables without a banner.
    private func fallbackClassification() -> String? {
        for line in 0..<min(text.lineCount, Self.bannerSearchLines) {
            switch text.lineString(line).uppercased() {
            case "UNCLASSIFIED", "UNCLAS": return "UNCLASSIFIED"
            case "CONFIDENTIAL", "C O N F I D E N T I A L": return "CONFIDENTIAL"
            case "SECRET", "S E C R E T": return "SECRET"
            default: continue
            }
        }
        return headerClassification(before: min(text.lineCount, 60))
    }
}
