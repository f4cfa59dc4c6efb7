#if canImport(Glibc)
import Glibc
#endif

/// The `Date` header value (IMF-fixdate), recomputed at most once a second per loop: formatting a
/// date per response costs more than the rest of the response head.
struct DateCache {
    private(set) var bytes: [UInt8] = []
    private var second = -1

    /// Refreshes the cached value if the wall-clock second changed.
    mutating func update() {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        guard now.tv_sec != second else { return }
        second = now.tv_sec
        bytes = Self.format(now.tv_sec)
    }

    static func format(_ seconds: Int) -> [UInt8] {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let text = "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
        return Array(text.utf8)
    }
}
