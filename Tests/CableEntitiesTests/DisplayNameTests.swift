import Testing
@testable import CableEntities

/// `NameText.displayName`'s byte path for ASCII surfaces against the general rules (Characters, Unicode
/// properties, `nameCase`).
@Suite struct DisplayNameTests {
    /// The general path of `displayName`, as it reads without the ASCII shortcuts.
    static func reference(_ surface: String) -> String {
        if !surface.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" }),
           surface.unicodeScalars.contains(where: { $0.value >= 0x61 && $0.value <= 0x7A }) {
            return surface
        }
        return surface.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).map { word -> String in
            let letters = word.unicodeScalars.filter { $0.properties.isAlphabetic }
            let isAllCaps = !letters.isEmpty && letters.allSatisfy { !$0.properties.isLowercase }
            guard isAllCaps, letters.count > 1 || word.hasSuffix(".") else { return String(word) }
            return NameText.nameCase(String(word))
        }.joined(separator: " ")
    }

    @Test func asciiSurfacesAsTheGeneralRules() {
        let surfaces = [
            "MICHAEL P. OWENS", "SUZANNE MCCORMICK", "CRISTINA FERNANDEZ DE KIRCHNER", "JUAN DE LA CRUZ\nGOMEZ",
            "  ABU  BAKR   AL-BAGHDADI ", "MACARTHUR", "MACK", "MAC", "MC", "O'MARA", "U.S.", "A", "A.", "X Y",
            "JEAN-PIERRE VAN DER BERG", "IBN SAUD", "BIN LADEN", "DELLA ROVERE", "DOS SANTOS", "Y GASSET",
            "EL-SISI", "DU PONT/KING", "123 MAIN", "R2D2", "\tTABBED\tNAME\t", "", "   ", "Y", "DELLAS", "MCDONALD'S",
            "WORD\r\nNEXT", "MIXED Case\nLINE",
        ]
        for surface in surfaces {
            #expect(NameText.displayName(surface) == Self.reference(surface), "\(surface.debugDescription)")
        }
    }
}
