/// Reads an `Accept-Encoding` request field.
enum AcceptEncoding {
    /// Whether `value` allows a gzip response: `gzip`, `x-gzip` or `*` listed with a non-zero q.
    static func allowsGzip(_ value: String) -> Bool {
        for item in value.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let coding = parts.first?.trimmingSpaces.lowercased(), coding == "gzip" || coding == "x-gzip" || coding == "*" else {
                continue
            }
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingSpaces
                if pair.lowercased().hasPrefix("q="), let q = Double(pair.dropFirst(2)), q <= 0 { return false }
            }
            return true
        }
        return false
    }
}
