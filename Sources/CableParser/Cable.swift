/// A parsed US diplomatic cable: every field a careful reader would take from the raw telegram.
///
/// Every value is derived from the raw text; nothing is invented. Fields the text does not carry are
/// `nil` (or empty), and anything the parser noticed but could not resolve is listed in `warnings`.
/// JSON keys are snake_case (see `Cable.jsonEncoder`).
public struct Cable: Sendable, Hashable, Codable {
    /// Canonical reference id: two-digit year + station + serial without leading zeros (`07ASTANA3153`).
    public var id: String
    /// Date-time group as ISO 8601 UTC (`2007-11-19T12:04:00Z`), when the text carries one.
    public var date: String?
    /// Human name of the sending post (`Embassy Astana`, `Secretary of State`).
    public var origin: String?
    /// Canonical station name used in the id (`ASTANA`, `STATE`, `USUNNEWYORK`).
    public var station: String
    /// Serial number from the banner (`3153`).
    public var serial: Int
    /// Overall classification (`CONFIDENTIAL`, `SECRET//NOFORN`, `UNCLASSIFIED//FOR OFFICIAL USE ONLY`).
    public var classification: String?
    /// Handling caveats found in banner and body (`SIPDIS`, `NOFORN`, `EXDIS` ...), in order of appearance.
    public var caveats: [String]
    /// `SECTION n OF m` when the banner carries it.
    public var section: Section?
    /// True for WikiLeaks partial extracts ("This record is a partial extract of the original cable").
    public var partial: Bool
    /// True when the banner says `C O R R E C T E D COPY`.
    public var corrected: Bool
    /// Routing header: transmission id, precedence, DTG, FM/TO/INFO.
    public var header: Header
    /// Executive order governing classification (`12958`, `13526`, `12356`).
    public var executiveOrder: String?
    /// Declassification date (`2017-11-17`) or the marker kept as text (`OADR`, `MR`, `N/A`).
    public var declassifyOn: String?
    /// TAGS, cleaned and looked up in the bundled catalogue.
    public var tags: [Tag]
    /// Subject line, unwrapped; `nil` when the cable has none.
    public var subject: String?
    /// The REF block, item by item.
    public var references: [Reference]
    /// The `Classified By:` line.
    public var classifiedBy: ClassifiedBy?
    /// Numbered paragraphs (number 0 holds unnumbered text before paragraph 1).
    public var paragraphs: [Paragraph]
    /// Text between `SUMMARY:` and `END SUMMARY`.
    public var summary: String?
    /// `COMMENT:` ... `END COMMENT` sections, in order.
    public var comments: [String]
    /// Signer's surname(s) at the end of the cable (`Ordway`).
    public var signature: String?
    /// Words in the body text.
    public var wordCount: Int
    /// What the parser noticed and could not resolve.
    public var warnings: [String]
    /// Named entities found in the cable (filled by the entity extractor; empty when not run).
    public var entities: [EntitySummary]

    public init(
        id: String, date: String? = nil, origin: String? = nil, station: String, serial: Int,
        classification: String? = nil, caveats: [String] = [], section: Section? = nil,
        partial: Bool = false, corrected: Bool = false, header: Header = Header(),
        executiveOrder: String? = nil, declassifyOn: String? = nil, tags: [Tag] = [],
        subject: String? = nil, references: [Reference] = [], classifiedBy: ClassifiedBy? = nil,
        paragraphs: [Paragraph] = [], summary: String? = nil, comments: [String] = [],
        signature: String? = nil, wordCount: Int = 0, warnings: [String] = [],
        entities: [EntitySummary] = []
    ) {
        self.id = id; self.date = date; self.origin = origin; self.station = station
        self.serial = serial; self.classification = classification; self.caveats = caveats
        self.section = section; self.partial = partial; self.corrected = corrected
        self.header = header; self.executiveOrder = executiveOrder; self.declassifyOn = declassifyOn
        self.tags = tags; self.subject = subject; self.references = references
        self.classifiedBy = classifiedBy; self.paragraphs = paragraphs; self.summary = summary
        self.comments = comments; self.signature = signature; self.wordCount = wordCount
        self.warnings = warnings; self.entities = entities
    }
}

extension Cable {
    /// `SECTION n OF m`.
    public struct Section: Sendable, Hashable, Codable {
        public var number: Int
        public var of: Int
        public init(number: Int, of: Int) { self.number = number; self.of = of }
    }

    /// The telegram's routing header (everything above the classification banner).
    public struct Header: Sendable, Hashable, Codable {
        /// Transmission id line (`VZCZCXRO9896`).
        public var transmissionId: String?
        /// Precedence spelled out (`ROUTINE`, `PRIORITY`, `IMMEDIATE`, `FLASH`).
        public var precedence: String?
        /// Originating routing indicator from the `DE` line (`RUEHTA`).
        public var routingIndicator: String?
        /// Station sequence number from the `DE` line (`3153`).
        public var stationId: String?
        /// Julian date-time of the `DE` line (`3231204`).
        public var sequence: String?
        /// The DTG as written (`191204Z NOV 07`).
        public var dtg: String?
        /// `FM` line.
        public var from: Recipient?
        /// `TO` recipients.
        public var to: [Recipient]
        /// `INFO` recipients.
        public var info: [Recipient]
        /// `XMT` exclusions.
        public var xmt: [Recipient]
        /// `INFO LOG-00 ...` distribution block of State cables, kept as written.
        public var distribution: String?
        /// `SOURCE:` line of State cables.
        public var source: String?
        /// `DRAFTED BY:` line.
        public var draftedBy: String?
        /// `APPROVED BY:` line.
        public var approvedBy: String?

        public init(
            transmissionId: String? = nil, precedence: String? = nil, routingIndicator: String? = nil,
            stationId: String? = nil, sequence: String? = nil, dtg: String? = nil,
            from: Recipient? = nil, to: [Recipient] = [], info: [Recipient] = [], xmt: [Recipient] = [],
            distribution: String? = nil, source: String? = nil, draftedBy: String? = nil,
            approvedBy: String? = nil
        ) {
            self.transmissionId = transmissionId; self.precedence = precedence
            self.routingIndicator = routingIndicator; self.stationId = stationId
            self.sequence = sequence; self.dtg = dtg; self.from = from; self.to = to
            self.info = info; self.xmt = xmt; self.distribution = distribution
            self.source = source; self.draftedBy = draftedBy; self.approvedBy = approvedBy
        }
    }

    /// One addressee of a `FM`/`TO`/`INFO`/`XMT` line (`RUEHC/SECSTATE WASHDC 1207`).
    public struct Recipient: Sendable, Hashable, Codable {
        /// Routing indicator before the slash (`RUEHC`), when present.
        public var routing: String?
        /// Addressee name (`SECSTATE WASHDC`).
        public var name: String
        /// Per-addressee precedence (`IMMEDIATE`, `PRIORITY`), when given.
        public var precedence: String?
        /// Message control number (`1207`).
        public var mcn: String?
        public init(routing: String? = nil, name: String, precedence: String? = nil, mcn: String? = nil) {
            self.routing = routing; self.name = name; self.precedence = precedence; self.mcn = mcn
        }
    }

    /// One TAGS code with its catalogue entry.
    public struct Tag: Sendable, Hashable, Codable {
        /// The cleaned code (`PGOV`, `KZ`, `OVIP (CLINTON, HILLARY)`).
        public var code: String
        /// `subject`, `program`, `geographic`, `organization` or `person`.
        public var kind: String?
        /// Catalogue meaning; `nil` when the code is unknown.
        public var meaning: String?
        public init(code: String, kind: String? = nil, meaning: String? = nil) {
            self.code = code; self.kind = kind; self.meaning = meaning
        }
    }

    /// One item of the REF block.
    public struct Reference: Sendable, Hashable, Codable {
        /// Letter label (`A`), when the block is a lettered list.
        public var label: String?
        /// Canonical cable id when the item cites a cable (`07ASTANA1234`).
        public var id: String?
        /// The item as written.
        public var text: String
        public init(label: String? = nil, id: String? = nil, text: String) {
            self.label = label; self.id = id; self.text = text
        }
    }

    /// The `Classified By:` line, split into parts.
    public struct ClassifiedBy: Sendable, Hashable, Codable {
        public var name: String?
        public var title: String?
        public var office: String?
        /// Normalised reasons (`1.4(b)`, `1.4(d)`).
        public var reasons: [String]
        /// The line as written, unwrapped.
        public var text: String
        public init(name: String? = nil, title: String? = nil, office: String? = nil, reasons: [String] = [], text: String) {
            self.name = name; self.title = title; self.office = office; self.reasons = reasons; self.text = text
        }
    }

    /// One numbered paragraph.
    public struct Paragraph: Sendable, Hashable, Codable {
        /// Paragraph number (0 = unnumbered text before paragraph 1).
        public var number: Int
        /// Portion mark (`U`, `SBU`, `C`, `S`, `S/NF`, `C/NF`), when present.
        public var classification: String?
        /// Paragraph text with page-break lines removed.
        public var text: String
        /// Entity mentions in `text` (filled by the entity extractor; empty when not run).
        public var entities: [EntityMention]
        public init(number: Int, classification: String? = nil, text: String, entities: [EntityMention] = []) {
            self.number = number; self.classification = classification; self.text = text
            self.entities = entities
        }
    }

    /// One mention of an entity inside a paragraph's text.
    public struct EntityMention: Sendable, Hashable, Codable {
        /// Stable corpus-wide entity id (`person:antonio-guterres`).
        public var id: String
        /// `person`, `organization` or `location`.
        public var type: String
        /// The text as it stands in the paragraph (`GUTERRES`).
        public var surface: String
        /// Offset of the first character in the paragraph text, in Unicode scalars (Python-compatible).
        public var start: Int
        /// Offset one past the last character, in Unicode scalars.
        public var end: Int
        public init(id: String, type: String, surface: String, start: Int, end: Int) {
            self.id = id; self.type = type; self.surface = surface; self.start = start; self.end = end
        }
    }

    /// An entity mentioned in the cable, with its mention count.
    public struct EntitySummary: Sendable, Hashable, Codable {
        /// Stable corpus-wide id (`person:antonio-guterres`).
        public var id: String
        public var name: String
        /// `person`, `organization` or `location`.
        public var type: String
        public var mentions: Int
        public init(id: String, name: String, type: String, mentions: Int) {
            self.id = id; self.name = name; self.type = type; self.mentions = mentions
        }
    }
}
