#if canImport(Glibc)
import Glibc
#endif

/// Threads for work that must not run on an event loop: deferred responses (an import of a large
/// body), streaming-body readers and streaming-response producers. Jobs run in FIFO order.
///
/// The pool grows on demand up to `maximumThreads`: a streamed response holds its thread for as long
/// as the client takes to read it, so a fixed handful of threads let a few slow downloads stall every
/// import behind them. Threads, once started, stay until `shutdown()`.
final class WorkerPool: @unchecked Sendable {
    private let lock = ConditionLock()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var stopping = false
    private var threads: [pthread_t] = []
    /// Threads waiting for a job; a job queued while none waits starts a new thread (below the cap).
    private var idle = 0
    /// Threads spawned that have not yet taken the lock; they count as idle so a burst of jobs does
    /// not start more threads than it needs.
    private var starting = 0
    /// Threads started or being started; `threads` lags it while `pthread_create` runs unlocked.
    private var spawned = 0
    let maximumThreads: Int

    /// Starts `initialThreads` threads now; more start as jobs find none idle, up to `maximumThreads`.
    init(initialThreads: Int = 1, maximumThreads: Int) throws(SystemError) {
        self.maximumThreads = max(1, maximumThreads)
        for _ in 0..<min(max(1, initialThreads), self.maximumThreads) {
            let thread = try startThread()
            lock.withLock { threads.append(thread) }
        }
    }

    /// Threads started so far.
    var threadCount: Int { lock.withLock { spawned } }
    /// Threads waiting for a job now.
    var idleThreads: Int { lock.withLock { idle } }

    func submit(_ job: @escaping @Sendable () -> Void) {
        let needsThread = lock.withLock {
            jobs.append(job)
            lock.broadcast()
            return !stopping && jobs.count - head > idle + starting && spawned < maximumThreads
        }
        guard needsThread else { return }
        // A failed spawn (thread limit reached) is not fatal: the job waits for a running thread.
        guard let thread = try? startThread() else { return }
        let missedShutdown = lock.withLock {
            if stopping { return true }
            threads.append(thread)
            return false
        }
        if missedShutdown { Threads.join(thread) }
    }

    /// Lets queued jobs finish, then stops and joins every thread.
    func shutdown() {
        let running = lock.withLock {
            stopping = true
            lock.broadcast()
            return threads
        }
        for thread in running { Threads.join(thread) }
        lock.withLock { threads = [] }
    }

    private func startThread() throws(SystemError) -> pthread_t {
        let index = lock.withLock {
            starting += 1
            spawned += 1
            return spawned - 1
        }
        do {
            return try Threads.spawn(name: "http-worker-\(index)") { [self] in self.work() }
        } catch {
            lock.withLock { starting -= 1; spawned -= 1 }
            throw error
        }
    }

    private func work() {
        var justStarted = true
        while true {
            let job: (@Sendable () -> Void)? = lock.withLock {
                // From starting to idle in one step, so `submit` never sees the thread as neither.
                if justStarted { starting -= 1; justStarted = false }
                idle += 1
                while head == jobs.count && !stopping { lock.wait() }
                idle -= 1
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
