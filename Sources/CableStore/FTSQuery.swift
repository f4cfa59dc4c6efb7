/// Turns text a user typed into a safe FTS5 MATCH expression, or refuses it with a clear message.
///
/// Understood: words, `"quoted phrases"`, a trailing `*` for prefixes (`uzbek*`, `"state sec"*`),
/// `AND` / `OR` / `NOT` in capitals, `-word` to exclude, and parentheses. Everything else is text:
/// punctuation splits words (`U.S.` → phrase `u s`, `subject:visa` → phrase `subject visa`), so FTS5
/// syntax such as `NEAR(`, column filters or `^` can never reach SQLite. Every term is emitted as a
/// double-quoted string of letters and digits only, and every group is parenthesised, so the output
/// is valid FTS5 whatever the input.
public struct FTSQuery: Sendable, Hashable, CustomStringConvertible {
    /// Longest input accepted, in UTF-8 bytes.
    public static let maximumLength = 1_000
    /// Most terms accepted in one query.
    public static let maximumTerms = 32

    /// The FTS5 expression to bind to `MATCH ?`.
    public let expression: String
    /// The text as the user typed it.
    public let input: String

    public var description: String { expression }

    /// Parses `input`; throws `StoreError.invalidQuery` naming the problem.
    public init(_ input: String) throws(StoreError) {
        guard input.utf8.count <= Self.maximumLength else {
            throw .invalidQuery("the query is \(input.utf8.count) bytes long; at most \(Self.maximumLength) are allowed")
        }
        var parser = Parser(tokens: try Self.tokenize(input))
        let node = try parser.parseQuery()
        self.input = input
        self.expression = node
    }

    // MARK: - Tokens

    enum Token: Equatable {
        case term(words: [String], prefix: Bool, negated: Bool)
        case and, or, not, open, close
    }

    static func tokenize(_ input: String) throws(StoreError) -> [Token] {
        var tokens: [Token] = []
        var index = input.startIndex
        var termCount = 0
        func addTerm(_ text: Substring, prefix: Bool, negated: Bool) throws(StoreError) {
            let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { $0.lowercased() }
            guard !words.isEmpty else { return }
            termCount += 1
            guard termCount <= maximumTerms else {
                throw .invalidQuery("too many terms; at most \(maximumTerms) are allowed")
            }
            tokens.append(.term(words: words, prefix: prefix, negated: negated))
        }
        while index < input.endIndex {
            let character = input[index]
            if character.isWhitespace { index = input.index(after: index); continue }
            if character == "(" { tokens.append(.open); index = input.index(after: index); continue }
            if character == ")" { tokens.append(.close); index = input.index(after: index); continue }
            var negated = false
            if character == "-" {
                negated = true
                index = input.index(after: index)
                guard index < input.endIndex else { break }
            }
            if input[index] == "\"" {
                let start = input.index(after: index)
                guard let end = input[start...].firstIndex(of: "\"") else {
                    throw .invalidQuery("a phrase opened with \" at character \(input.distance(from: input.startIndex, to: index) + 1) is never closed")
                }
                index = input.index(after: end)
                var prefix = false
                if index < input.endIndex, input[index] == "*" { prefix = true; index = input.index(after: index) }
                try addTerm(input[start..<end], prefix: prefix, negated: negated)
                continue
            }
            let start = index
            while index < input.endIndex, !input[index].isWhitespace, !"()\"".contains(input[index]) {
                index = input.index(after: index)
            }
            let word = input[start..<index]
            if !negated {
                switch word {
                case "AND": tokens.append(.and); continue
                case "OR": tokens.append(.or); continue
                case "NOT": tokens.append(.not); continue
                default: break
                }
            }
            let prefix = word.hasSuffix("*") && word.contains(where: { $0.isLetter || $0.isNumber })
            try addTerm(word, prefix: prefix, negated: negated)
        }
        return tokens
    }

    // MARK: - Grammar: query = and (OR and)* ; and = unary ((AND | NOT)? unary)* ; unary = term | ( query )

    struct Parser {
        var tokens: [Token]
        var position = 0
        var depth = 0

        mutating func parseQuery() throws(StoreError) -> String {
            guard !tokens.isEmpty else { throw .invalidQuery("the query has no words to search for") }
            let result = try parseOr()
            if position < tokens.count {
                throw .invalidQuery(tokens[position] == .close ? "a ')' has no matching '('" : "unexpected operator")
            }
            return result
        }

        mutating func parseOr() throws(StoreError) -> String {
            var parts = [try parseAnd()]
            while position < tokens.count, tokens[position] == .or {
                position += 1
                guard position < tokens.count, tokens[position] != .close else {
                    throw .invalidQuery("OR must be followed by a term")
                }
                parts.append(try parseAnd())
            }
            return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")"
        }

        mutating func parseAnd() throws(StoreError) -> String {
            var positives: [String] = []
            var negatives: [String] = []
            loop: while position < tokens.count {
                switch tokens[position] {
                case .or, .close: break loop
                case .and:
                    position += 1
                    continue
                case .not:
                    position += 1
                    guard position < tokens.count, let operand = try parseUnary() else {
                        throw .invalidQuery("NOT must be followed by a term")
                    }
                    negatives.append(operand)
                case let .term(_, _, negated) where negated:
                    negatives.append(try parseUnary()!)
                default:
                    guard let operand = try parseUnary() else { break loop }
                    positives.append(operand)
                }
            }
            guard !positives.isEmpty else {
                throw .invalidQuery(negatives.isEmpty
                    ? "an operator is missing a term" : "a query needs at least one term that is not excluded")
            }
            var result = positives.count == 1 ? positives[0] : "(" + positives.joined(separator: " AND ") + ")"
            for negative in negatives { result = "(\(result) NOT \(negative))" }
            return result
        }

        mutating func parseUnary() throws(StoreError) -> String? {
            guard position < tokens.count else { return nil }
            switch tokens[position] {
            case let .term(words, prefix, _):
                position += 1
                return "\"" + words.joined(separator: " ") + "\"" + (prefix ? "*" : "")
            case .open:
                position += 1
                depth += 1
                guard depth <= 16 else { throw .invalidQuery("parentheses nest deeper than 16 levels") }
                guard position < tokens.count, tokens[position] != .close else {
                    throw .invalidQuery("empty parentheses")
                }
                let inner = try parseOr()
                guard position < tokens.count, tokens[position] == .close else {
                    throw .invalidQuery("a '(' is never closed")
                }
                position += 1
                depth -= 1
                return inner
            default:
                return nil
            }
        }
    }
}
