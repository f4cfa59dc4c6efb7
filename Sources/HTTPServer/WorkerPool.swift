#if canImport(Glibc)
import Glibc
#endif

/// A fixed set of threads for work that must not run on an event loop: deferred responses (an import
/// of a large body) and streaming-response producers. Jobs wait in FIFO order when all are busy.
final class WorkerPool: @unchecked Sendable {
    private let lock = ConditionLock()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var stopping = false
    private var threads: [pthread_t] = []

    init(threadCount: Int) throws(SystemError) {
        for index in 0..<max(1, threadCount) {
            threads.append(try Threads.spawn(name: "http-worker-\(index)") { [self] in self.work() })
        }
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        lock.withLock {
            jobs.append(job)
            lock.broadcast()
        }
    }

    /// Lets queued jobs finish, then stops and joins every thread.
    func shutdown() {
        lock.withLock {
            stopping = true
            lock.broadcast()
        }
        for thread in threads { Threads.join(thread) }
        threads = []
    }

    private func work() {
        while true {
            let job: (@Sendable () -> Void)? = lock.withLock {
                while head == jobs.count && !stopping { lock.wait() }
                guard head < jobs.count else { return nil }
                let job = jobs[head]
                head += 1
                if head == jobs.count { jobs.removeAll(keepingCapacity: true); head = 0 }
                return job
            }
            guard let job else { return }
            job()
        }
    }
}
