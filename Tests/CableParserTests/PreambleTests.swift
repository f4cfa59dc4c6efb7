import Testing
@testable import CableParser

@Suite("Preamble: E.O., TAGS, SUBJECT, REF, Classified By")
struct PreambleTests {
    private func preamble(_ text: String) throws -> Cable {
        try Support.parse(Support.cable(preamble: text))
    }

    @Test("E.O. and DECL forms", arguments: [
        ("E.O. 12958: DECL: 11/17/2017", "12958", "2017-11-17"),
        ("EO 12958 DECL: 2019/12/17", "12958", "2019-12-17"),
        ("E.o. 12958: decl: 6/3/08", "12958", "2008-06-03"),
        ("E.O. 12356: DECL: OADR", "12356", "OADR"),
        ("E.O. 12958: DECL: MR", "12958", "MR"),
        ("E.O. 12958: N/A", "12958", "N/A"),
        ("E.O. 13526: DECL: TEN YEARS AFTER KOREAN UNIFICATION", "13526", "TEN YEARS AFTER KOREAN UNIFICATION"),
    ])
    func executiveOrder(line: String, order: String, decl: String) throws {
        let cable = try preamble(line + "\nSUBJECT: X")
        #expect(cable.executiveOrder == order)
        #expect(cable.declassifyOn == decl)
    }

    @Test("TAGS spellings and cleaning", arguments: [
        ("TAGS: [PGOV](#) [PREL](#) [KZ](#)", ["PGOV", "PREL", "KZ"]),
        ("TAGS PREL, PINR, KCRM,\nKCOR, SP", ["PREL", "PINR", "KCRM", "KCOR", "SP"]),
        ("Tags: pgov, prel, kz", ["PGOV", "PREL", "KZ"]),
        ("TAS: PGOV PREL", ["PGOV", "PREL"]),
        ("TAGS: PHUMBA PGOV", ["PHUM", "BA", "PGOV"]),
        ("TAGS: KDEMAF EINDETRD", ["KDEM", "AF", "EIND", "ETRD"]),
        // Codes the catalogue lacks stay whole rather than split into country codes (05CAIRO5924).
        ("TAGS: PTER EG GTMO", ["PTER", "EG", "GTMO"]),
        ("TAGS PREL, PGOV, PINR, PBTS, EUN, USEU BRUSSELS ", ["PREL", "PGOV", "PINR", "PBTS", "EUN", "USEU", "BRUSSELS"]),
        ("TAGS: PREL PINS MNUC PARM PINR RS KGIC KNNP KRAD ENRG", ["PREL", "PINS", "MNUC", "PARM", "PINR", "RS", "KGIC", "KNNP", "KRAD", "ENRG"]),
        ("TAGS: OVIP (CLINTON, HILLARY) PREL", ["OVIP (CLINTON, HILLARY)", "PREL"]),
        ("TAGS: PGOV PGOV PREL", ["PGOV", "PREL"]),
        ("TAGS: POGOV MOPPS", ["PGOV", "MOPS"]),
        ("TAGS: OVIP BIDEN JOSEPH PREL ECON", ["OVIP (BIDEN, JOSEPH)", "PREL", "ECON"]),
        ("Tags: ovip (steinberg, james b.), prel", ["OVIP (STEINBERG, JAMES B.)", "PREL"]),
    ])
    func tags(line: String, codes: [String]) throws {
        let cable = try preamble(line + "\nSUBJECT: X")
        #expect(cable.tags.map(\.code) == codes)
    }

    @Test("tag kinds and meanings come from the catalogue; unknown codes keep a nil meaning")
    func tagMeanings() throws {
        let cable = try preamble("TAGS: PGOV KZ CH OVIP (CLINTON, HILLARY) ZZZQ\nSUBJECT: X")
        let byCode = Dictionary(uniqueKeysWithValues: cable.tags.map { ($0.code, $0) })
        #expect(byCode["PGOV"]?.kind == "subject")
        #expect(byCode["KZ"]?.kind == "geographic")
        #expect(byCode["KZ"]?.meaning == "Kazakhstan")
        #expect(byCode["CH"]?.meaning == "China")
        #expect(byCode["OVIP (CLINTON, HILLARY)"]?.kind == "person")
        #expect(byCode["ZZZQ"]?.meaning == nil)
        #expect(byCode["ZZZQ"]?.kind == nil)
    }

    @Test("subject forms", arguments: [
        ("SUBJECT: UN HIGH COMMISSIONER FOR REFUGEES SEES POSITIVE\nSTEPS FROM KAZAKHSTAN", "UN HIGH COMMISSIONER FOR REFUGEES SEES POSITIVE STEPS FROM KAZAKHSTAN"),
        ("SUBJ: Primary Elections", "Primary Elections"),
        ("Subject: (C) mixed case", "(C) mixed case"),
        ("SUBJECT: (C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIMEREF: A. LONDON 1939", "(C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIME"),
        ("SUBJECT:  SPACES   SQUEEZED ", "SPACES SQUEEZED"),
    ])
    func subject(text: String, expected: String) throws {
        #expect(try preamble(text).subject == expected)
    }

    @Test("no SUBJECT line: nil and a warning, never a guess from the body")
    func noSubject() throws {
        let cable = try preamble("E.O. 12958: DECL: 11/17/2017\nTAGS: PGOV")
        #expect(cable.subject == nil)
        #expect(cable.warnings.contains("no SUBJECT line"))
    }

    @Test("E.O., TAGS and SUBJECT on one line")
    func oneLine() throws {
        let cable = try preamble("E.O. 12958: DECL: 01/01/2014 Tags: PREL, PGOV Subject: Turkey and the EU")
        #expect(cable.declassifyOn == "2014-01-01")
        #expect(cable.tags.map(\.code) == ["PREL", "PGOV"])
        #expect(cable.subject == "Turkey and the EU")
    }

    @Test("lettered references with ids")
    func letteredReferences() throws {
        let cable = try preamble("SUBJECT: X\n\nREF: A. 07ASTANA 1234 B. STATE 5678")
        #expect(cable.references == [
            Cable.Reference(label: "A", id: "07ASTANA1234", text: "07ASTANA 1234"),
            Cable.Reference(label: "B", id: "07STATE5678", text: "STATE 5678"),
        ])
    }

    @Test("reference forms", arguments: [
        ("REF: (A)05 CHENNAI 0121 (B) 05 CHENNAI 0122", ["05CHENNAI121", "05CHENNAI122"]),
        ("REF: BRASILIA 2799 AND 2764", ["07BRASILIA2799", "07BRASILIA2764"]),
        ("REF: A. MADRID 1137\n\u{B6}B. MADRID 1096", ["07MADRID1137", "07MADRID1096"]),
        ("REF: A. 2006 MADRID 3104", ["06MADRID3104"]),
        ("REF: MOSCOW 00202", ["07MOSCOW202"]),
        ("REF: 09 SHENYANG 167", ["09SHENYANG167"]),
        ("REF: A. TEL AVIV 123", ["07TELAVIV123"]),
        ("REF: A. 09 Tripoli 753; B. Tripoli 12", ["09TRIPOLI753"]),
    ])
    func referenceIDs(text: String, ids: [String]) throws {
        let cable = try preamble("SUBJECT: X\n\n" + text)
        #expect(cable.references.compactMap(\.id) == ids)
    }

    @Test("REF: None means no references")
    func noneReferences() throws {
        #expect(try preamble("SUBJECT: X\n\nRef:      None").references == [])
    }

    @Test("non-cable references are kept as text")
    func textReferences() throws {
        let cable = try preamble("SUBJECT: X\n\nREF: A. PARIS 1610\n\n\u{B6}B. KUJAWINSKI-FRANCE DESK 3/11 E-MAIL")
        #expect(cable.references == [
            Cable.Reference(label: "A", id: "07PARIS1610", text: "PARIS 1610"),
            Cable.Reference(label: "B", id: nil, text: "KUJAWINSKI-FRANCE DESK 3/11 E-MAIL"),
        ])
    }

    @Test("Classified By with reasons wrapped onto the next line")
    func classifiedBy() throws {
        let cable = try preamble("SUBJECT: X\n\nClassified By: CLASSIFIED BY POL/ECON CHIEF STEVE FAGIN FOR REASONS 1.4\n(B) and (D)")
        #expect(cable.classifiedBy?.reasons == ["1.4(b)", "1.4(d)"])
        #expect(cable.classifiedBy?.text == "CLASSIFIED BY POL/ECON CHIEF STEVE FAGIN FOR REASONS 1.4 (B) and (D)")
        #expect(cable.classifiedBy?.title == "POL/ECON CHIEF")
        #expect(cable.classifiedBy?.name == "STEVE FAGIN")
    }

    @Test("Classified By: name, title, office")
    func classifiedByParts() throws {
        let cable = try preamble("SUBJECT: X\n\nClassified By: Duane Butcher, Consul General, Consulate General Hamburg, State. Reason: 1.4 (b)")
        #expect(cable.classifiedBy?.name == "Duane Butcher")
        #expect(cable.classifiedBy?.title == "Consul General")
        #expect(cable.classifiedBy?.office == "Consulate General Hamburg, State")
        #expect(cable.classifiedBy?.reasons == ["1.4(b)"])
    }

    // Lines as written in 09MOSCOW2734 and 10STATE18437.
    @Test("a rank abbreviation before a mixed-case name is title; Jr. stays with the name", arguments: [
        ("Classified By: Political MC Susan M. Elliott for reasons 1.4 (b) and (d ).", "Political MC", "Susan M. Elliott", ["1.4(b)", "1.4(d)"]),
        ("Classified By: SCA A/S Robert O. Blake, Jr. reasons 1.4 (b,d)", "SCA A/S", "Robert O. Blake, Jr", ["1.4(b)", "1.4(d)"]),
        ("Classified By: USEU Political M-C Chris Davis for reasons 1.4 (b) and ( d)", "USEU Political M-C", "Chris Davis", ["1.4(b)", "1.4(d)"]),
    ])
    func rankAbbreviation(line: String, title: String, name: String, reasons: [String]) throws {
        let cable = try preamble("SUBJECT: X\n\n" + line)
        #expect(cable.classifiedBy?.title == title)
        #expect(cable.classifiedBy?.name == name)
        #expect(cable.classifiedBy?.reasons == reasons)
    }

    @Test("reason spellings", arguments: [
        ("reasons 1.4 (b) and (d).", ["1.4(b)", "1.4(d)"]),
        ("Reasons 1.4(b),(d)", ["1.4(b)", "1.4(d)"]),
        ("REASONS 1.4 B/D", ["1.4(b)", "1.4(d)"]),
        ("reason 1.4 (b/d).", ["1.4(b)", "1.4(d)"]),
        ("reasons 1.5 (b,d).", ["1.5(b)", "1.5(d)"]),
        ("Reason: 1.4 (d)", ["1.4(d)"]),
    ])
    func reasons(text: String, expected: [String]) {
        #expect(ClassifiedByParser.reasons(text) == expected)
    }

    @Test("title and name", arguments: [
        ("Ambassador John Ordway", "Ambassador", "John Ordway"),
        ("Acting Deputy Chief of Mission William Duncan", "Acting Deputy Chief of Mission", "William Duncan"),
        ("DCM Alex Wolff", "DCM", "Alex Wolff"),
        ("Political Minister-Counselor Josiah Rosenblatt", "Political Minister-Counselor", "Josiah Rosenblatt"),
        ("AMBASSADOR ROBERT H. TUTTLE", "AMBASSADOR", "ROBERT H. TUTTLE"),
        ("MC Susan M. Elliott", "MC", "Susan M. Elliott"),
        ("ADCM William H. Duncan", "ADCM", "William H. Duncan"),
        ("PolMinCouns Scott Bellard", "PolMinCouns", "Scott Bellard"),
    ])
    func titleAndName(text: String, title: String, name: String) {
        let split = ClassifiedByParser.splitTitle(text)
        #expect(split.title == title)
        #expect(split.name == name)
    }

    @Test("Derived from Multiple Sources")
    func derived() throws {
        let cable = try preamble("SUBJECT: X\n\nClassified By: Derived from Multiple Sources")
        #expect(cable.classifiedBy?.title == "Derived from Multiple Sources")
        #expect(cable.classifiedBy?.reasons == [])
    }
}
