import CableParser
import Foundation
@testable import CableEntities

/// Shared helpers: fixture loading and small cable builders.
enum Support {
    static let extractor = EntityExtractor()

    /// Tests/Fixtures/entities/NAME, read relative to this file so tests run from any directory.
    static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/entities/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Parses and annotates a fixture cable.
    static func annotatedFixture(_ name: String) throws -> Cable {
        let raw = try fixture(name)
        var cable = try CableParser().parse(raw, knownID: String(name.dropLast(4)))
        extractor.annotate(&cable, rawText: raw)
        return cable
    }

    /// A cable made of the given paragraphs, from a given station.
    static func cable(_ paragraphs: [String], station: String = "ASTANA", origin: String? = "Embassy Astana",
                      tags: [Cable.Tag] = [], subject: String? = nil, signature: String? = nil) -> Cable {
        Cable(id: "07\(station)1", origin: origin, station: station, serial: 1, tags: tags, subject: subject,
              paragraphs: paragraphs.enumerated().map { Cable.Paragraph(number: $0.offset + 1, text: $0.element) },
              signature: signature)
    }

    static func annotated(_ cable: Cable, raw: String? = nil) -> Cable {
        var copy = cable
        extractor.annotate(&copy, rawText: raw)
        return copy
    }

    /// Every name and mention surface of entities of a type, lower-cased.
    static func forms(_ cable: Cable, _ type: EntityType) -> Set<String> {
        var out = Set(cable.entities.filter { $0.type == type.rawValue }.map { $0.name.lowercased() })
        for paragraph in cable.paragraphs {
            for m in paragraph.entities where m.type == type.rawValue { out.insert(m.surface.lowercased()) }
        }
        return out
    }
}
