import CableParser
import Foundation

/// Reads the body of `POST /v1/parse` and `POST /v1/cables` into raw text plus a parsed cable.
///
/// Accepts `text/plain` (or no Content-Type) bytes, and JSON `{"text": "...", "id": "..."}` where `id`
/// is the caller's id for texts too short to carry one. Text that is not a cable is a 422 whose detail
/// is the parser's own account of what is missing.
struct CableParsing: Sendable {
    private let parser = CableParser()
    /// The entity extractor (or any other step) to run on each parsed cable.
    let enrich: CableAPI.Enrich?

    /// Raw text as it will be stored, and the parsed cable.
    struct Parsed: Sendable {
        var raw: String
        var cable: Cable
    }

    func parse(_ request: APIRequest) throws(Problem) -> Parsed {
        var text: [UInt8]
        var knownID: String?
        switch request.mediaType {
        case "", "text/plain", "application/octet-stream":
            text = request.body
        case "application/json":
            (text, knownID) = try Self.jsonBody(request.body)
        default:
            throw .unsupportedMediaType(request.mediaType, allowed: ["text/plain", "application/json"])
        }
        if let given = knownID {
            guard let canonical = CableID.canonicalize(given) else {
                throw .badBody("\"id\" \(given) is not a cable id (expected the form 07ASTANA3153)")
            }
            knownID = canonical
        }
        if text.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw .notACable("the body is empty; send the raw text of one cable")
        }
        do {
            var cable = try parser.parse(bytes: text, knownID: knownID)
            let raw = TextDecoding.decode(text)
            enrich?(&cable, raw)
            return Parsed(raw: raw, cable: cable)
        } catch {
            throw .notACable("the text is not a cable: \(error)")
        }
    }

    private static func jsonBody(_ body: [UInt8]) throws(Problem) -> ([UInt8], String?) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body))
        } catch {
            throw .badBody("the body is not valid JSON; send {\"text\": \"<raw cable>\"} or the raw text as text/plain")
        }
        guard let dict = object as? [String: Any], let text = dict["text"] as? String else {
            throw .badBody("the JSON body needs a string member \"text\" holding the raw cable")
        }
        if let id = dict["id"], !(id is String) {
            throw .badBody("the JSON member \"id\" must be a string such as \"07ASTANA3153\"")
        }
        return (Array(text.utf8), dict["id"] as? String)
    }
}
