import Foundation
import Testing
@testable import CableStore

@Suite("FTS query sanitiser")
struct FTSQueryTests {
    @Test(arguments: [
        ("uzbek", "\"uzbek\""),
        ("\"state secret\" uzbek*", "(\"state secret\" AND \"uzbek\"*)"),
        ("visa OR passport", "(\"visa\" OR \"passport\")"),
        ("visa -passport", "(\"visa\" NOT \"passport\")"),
        ("visa NOT passport", "(\"visa\" NOT \"passport\")"),
        ("(visa OR passport) kazakh*", "((\"visa\" OR \"passport\") AND \"kazakh\"*)"),
        ("U.S. embassy", "(\"u s\" AND \"embassy\")"),
        ("subject:visa", "\"subject visa\""),
        ("NEAR(visa passport)", "(\"near\" AND (\"visa\" AND \"passport\"))"),
        ("\"state sec\"*", "\"state sec\"*"),
        ("Ḱazakh", "\"ḱazakh\""),
        ("a AND b", "(\"a\" AND \"b\")"),
        ("^start", "\"start\""),
    ])
    func translates(input: String, expected: String) throws {
        #expect(try FTSQuery(input).expression == expected)
    }

    @Test(arguments: [
        "", "   ", "***", "-visa", "NOT visa", "visa OR", "(visa", "visa)", "()", "\"unclosed phrase",
        "AND", "OR OR", "visa NOT", "<10 KB of x>", "<40 nested parentheses>", "<40 words>",
    ])
    func rejectsWithAClearMessage(label: String) {
        let input: String
        switch label {
        case "<10 KB of x>": input = String(repeating: "x", count: 10_240)
        case "<40 nested parentheses>": input = String(repeating: "(", count: 40) + "x" + String(repeating: ")", count: 40)
        case "<40 words>": input = (1...40).map { "w\($0)" }.joined(separator: " ")
        default: input = label
        }
        do {
            _ = try FTSQuery(input)
            Issue.record("accepted \(input.prefix(40))")
        } catch {
            guard case let .invalidQuery(message) = error else { Issue.record("wrong error \(error)"); return }
            #expect(!message.isEmpty)
        }
    }

    /// Every hostile input either is refused or runs against a real FTS5 table without an error.
    @Test func hostileInputsNeverReachSQLiteAsSyntaxErrors() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE VIRTUAL TABLE f USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')")
        try db.prepare("INSERT INTO f VALUES (?)").run("the state secret law of Uzbekistan")
        var inputs = ["\"", "\"\"", "'", "';DROP TABLE f;--", "NEAR(", "NEAR(a b, 3)", "text:secret", "{text}: x",
                      "a*b", "*a", "-", "--x", "x -", "a + b", "a:b:c", "\\\"x\\\"", "\u{0}", "x\u{0}y", "AND OR NOT",
                      "(a OR (b AND (c NOT d)))", "state \"secret\"*", "🙂 secret", "\"a\" \"b\" \"c\"", "x^y",
                      "(((", ")))", "a OR -b", "a AND NOT b", "col : x", "MATCH", "ÿ´", "secret*"]
        inputs.append(String(repeating: "\"a\" ", count: 300))
        inputs.append(String(repeating: "NEAR( ", count: 2_000))
        for input in inputs {
            guard let query = try? FTSQuery(input) else { continue }
            let statement = try db.prepare("SELECT count(*) FROM f WHERE f MATCH ?")
            try statement.bind(query.expression)
            #expect(throws: Never.self, "\(input) → \(query.expression)") { _ = try statement.step() }
            statement.reset()
        }
        #expect(try db.scalarInt("SELECT count(*) FROM f WHERE f MATCH ?", try FTSQuery("\"state secret\" uzbek*").expression) == 1)
    }
}
