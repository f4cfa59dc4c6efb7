import Testing
@testable import CableParser

@Suite("Routing header")
struct RoutingHeaderTests {
    @Test("the seed's header, field by field")
    func seedHeader() throws {
        let header = try Support.parse(Support.cable()).header
        #expect(header.transmissionId == "VZCZCXRO9896")
        #expect(header.precedence == "ROUTINE")
        #expect(header.routingIndicator == "RUEHTA")
        #expect(header.stationId == "3153")
        #expect(header.sequence == "3231204")
        #expect(header.dtg == "191204Z NOV 07")
        #expect(header.from == Cable.Recipient(name: "AMEMBASSY ASTANA"))
        #expect(header.to == [Cable.Recipient(routing: "RUEHC", name: "SECSTATE WASHDC", mcn: "1207")])
    }

    @Test("precedence letters", arguments: [
        ("R 191204Z NOV 07", "ROUTINE"), ("P R 281848Z DEC 66", "PRIORITY"), ("O 151050Z DEC 09", "IMMEDIATE"),
        ("Z 010101Z JAN 09", "FLASH"), ("OO 010101Z JAN 09", "IMMEDIATE"), ("RR 010101Z JAN 09", "ROUTINE"),
    ])
    func precedence(line: String, expected: String) throws {
        let cable = try Support.parse(Support.cable(header: line + "\nFM AMEMBASSY ASTANA"))
        #expect(cable.header.precedence == expected)
    }

    @Test("DTG to ISO 8601, two-digit years 66-99 in the 1900s", arguments: [
        ("R 191204Z NOV 07", "2007-11-19T12:04:00Z", "07ASTANA3153"),
        ("P R 281848Z DEC 66", "1966-12-28T18:48:00Z", "66ASTANA3153"),
        ("R 021258Z JAN 88", "1988-01-02T12:58:00Z", "88ASTANA3153"),
        ("R 150618Z OCT 2009", "2009-10-15T06:18:00Z", "09ASTANA3153"),
        ("291359Z Nov 00", "2000-11-29T13:59:00Z", "00ASTANA3153"),
    ])
    func dtg(line: String, iso: String, id: String) throws {
        let cable = try Support.parse(Support.cable(header: line + "\nFM AMEMBASSY ASTANA"))
        #expect(cable.date == iso)
        #expect(cable.id == id)
    }

    @Test("addressees: routing, name, precedence, MCN, continuation lines, XMT")
    func addressees() throws {
        let header = """
            P 031812Z NOV 08
            FM SECSTATE WASHDC
            TO SECURITY OFFICER COLLECTIVE PRIORITY
            AMEMBASSY TRIPOLI PRIORITY
            INFO RUEHTA/AMEMBASSY ASTANA IMMEDIATE 0306
            RHEHAAA/WHITE HOUSE WASHINGTON DC//NSC//
            XMT AMCONSUL JOHANNESBURG
            """
        let cable = try Support.parse(Support.cable(header: header, banner: "S E C R E T STATE 116943"))
        #expect(cable.header.to == [
            Cable.Recipient(name: "SECURITY OFFICER COLLECTIVE", precedence: "PRIORITY"),
            Cable.Recipient(name: "AMEMBASSY TRIPOLI", precedence: "PRIORITY"),
        ])
        #expect(cable.header.info == [
            Cable.Recipient(routing: "RUEHTA", name: "AMEMBASSY ASTANA", precedence: "IMMEDIATE", mcn: "0306"),
            Cable.Recipient(routing: "RHEHAAA", name: "WHITE HOUSE WASHINGTON DC//NSC//"),
        ])
        #expect(cable.header.xmt == [Cable.Recipient(name: "AMCONSUL JOHANNESBURG")])
        #expect(cable.origin == "Secretary of State")
        #expect(cable.id == "08STATE116943")
    }

    @Test("State distribution block and drafter lines are not addressees")
    func distribution() throws {
        let header = """
            INFO  LOG-00   MFA-00   AF-00    CIAE-00
                  PERC-00  EAP-00   DHSE-00
            (TEDE) /000R

            SOURCE: CBLEXCLS.000423
            DRAFTED BY: DS/DSS/CC:JBACIGALUPO -- 06/19/2009  571-345-3132
            APPROVED BY: DS/DSS/CC:JBACIGALUPO
                              ------------------7CAAD7  191822Z /38
            P 191717Z JUN 09
            FM SECSTATE WASHDC
            TO SECURITY OFFICER COLLECTIVE PRIORITY
            INFO AMCONSUL CASABLANCA PRIORITY
            """
        let cable = try Support.parse(Support.cable(header: header, banner: "S E C R E T STATE 063860"))
        #expect(cable.header.distribution == "INFO  LOG-00   MFA-00   AF-00    CIAE-00\nPERC-00  EAP-00   DHSE-00\n(TEDE) /000R")
        #expect(cable.header.source == "CBLEXCLS.000423")
        #expect(cable.header.draftedBy == "DS/DSS/CC:JBACIGALUPO -- 06/19/2009  571-345-3132")
        #expect(cable.header.approvedBy == "DS/DSS/CC:JBACIGALUPO")
        #expect(cable.header.info == [Cable.Recipient(name: "AMCONSUL CASABLANCA", precedence: "PRIORITY")])
        #expect(cable.date == "2009-06-19T17:17:00Z")
    }

    @Test("a repeated cable keeps the original DTG as its date")
    func repeated() throws {
        let body = "FOLLOWING STATE 127892 DATED 150910Z DEC 09 SENT ACTION RIGA,\nIS BEING REPEATED FOR YOUR ACTION.\n\n1. (S) Text."
        let cable = try Support.parse(Support.cable(
            header: "O 151050Z DEC 09\nFM SECSTATE WASHDC", banner: "S E C R E T STATE 127892", preamble: "NOFORN", body: body))
        #expect(cable.date == "2009-12-15T09:10:00Z")
        #expect(cable.header.dtg == "151050Z DEC 09")
    }

    @Test("origins", arguments: [
        ("FM AMEMBASSY ABU DHABI", "Embassy Abu Dhabi"), ("FM AMCONSUL RIO DE JANEIRO", "Consulate Rio De Janeiro"),
        ("FM SECSTATE WASHDC", "Secretary of State"), ("FM USMISSION USNATO", "Mission USNATO"),
        ("FM USEU BRUSSELS", "USEU Brussels"), ("FM USMISSION UNVIE VIENNA", "UNVIE"),
        ("FM USINT HAVANA", "US Interests Section Havana"), ("FM IRAN RPO DUBAI", "Iran RPO Dubai"),
        ("FM AMEMBASSY KIEV", "Embassy Kyiv"),
    ])
    func origins(line: String, origin: String) throws {
        let cable = try Support.parse(Support.cable(header: "R 191204Z NOV 07\n" + line))
        #expect(cable.origin == origin)
    }
}
