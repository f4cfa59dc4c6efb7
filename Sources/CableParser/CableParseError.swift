/// Why a text could not be parsed as a cable at all: what is missing and where the parser looked.
///
/// Only thrown when there is not enough to build even a partial `Cable` (no id can be found); anything
/// less severe ends up in `Cable.warnings` instead.
public struct CableParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, stable for callers that map errors (the API maps them to problem+json).
    public enum Kind: String, Sendable, Hashable {
        /// The input is empty or only whitespace.
        case empty
        /// The input is not text (NUL bytes or mostly control characters).
        case notText
        /// No classification banner / routing header from which the cable's id could be built.
        case missingIdentifier
        /// The input is larger than the parser accepts.
        case tooLarge
    }

    /// The kind of failure.
    public var kind: Kind
    /// One-based line number where the parser gave up or where the missing part was expected.
    public var line: Int
    /// Human-readable explanation naming what is missing.
    public var message: String

    public init(_ kind: Kind, line: Int, _ message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
