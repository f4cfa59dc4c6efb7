import Testing
@testable import HTTPServer

#if canImport(Glibc)
import Glibc
#endif

/// The offload pool grows while jobs block (slow downloads) and stops at its cap.
@Suite struct WorkerPoolTests {
    /// A latch the test opens to let every blocked job finish.
    final class Gate: @unchecked Sendable {
        let lock = ConditionLock()
        var open = false
        var started = 0

        func enterAndWait() {
            lock.withLock {
                started += 1
                lock.broadcast()
                while !open { lock.wait() }
            }
        }

        /// Waits up to `seconds` for `count` jobs to have started; returns how many did.
        func waitForStarted(_ count: Int, seconds: Int) -> Int {
            let deadline = Sys.monotonicNanoseconds() &+ UInt64(seconds) * 1_000_000_000
            return lock.withLock {
                while started < count && Sys.monotonicNanoseconds() < deadline { lock.wait(nanoseconds: 10_000_000) }
                return started
            }
        }

        func release() { lock.withLock { open = true; lock.broadcast() } }
    }

    @Test func blockedJobsDoNotStarveLaterOnes() throws {
        let pool = try WorkerPool(maximumThreads: 8)
        let gate = Gate()
        for _ in 0..<6 { pool.submit { gate.enterAndWait() } }
        // Six jobs that never return on their own all run at once: a fixed pool of four would hold two back.
        #expect(gate.waitForStarted(6, seconds: 10) == 6)
        #expect(pool.threadCount == 6)
        gate.release()
        pool.shutdown()
    }

    @Test func growthStopsAtTheCapAndQueuedJobsStillRun() throws {
        let pool = try WorkerPool(maximumThreads: 3)
        let gate = Gate()
        for _ in 0..<5 { pool.submit { gate.enterAndWait() } }
        #expect(gate.waitForStarted(3, seconds: 10) == 3)
        #expect(gate.waitForStarted(4, seconds: 1) == 3)
        #expect(pool.threadCount == 3)
        gate.release()
        #expect(gate.waitForStarted(5, seconds: 10) == 5)
        pool.shutdown()
    }

    @Test func idleThreadsAreReusedRatherThanMultiplied() throws {
        let pool = try WorkerPool(maximumThreads: 16)
        let done = Gate()
        done.release()
        for round in 1...20 {
            // Each job is queued only once the previous one is done and its thread waits again.
            var waited = 0
            while pool.idleThreads < pool.threadCount && waited < 10_000 { usleep(1_000); waited += 1 }
            pool.submit { done.enterAndWait() }
            #expect(done.waitForStarted(round, seconds: 10) == round)
        }
        #expect(pool.threadCount == 1)
        pool.shutdown()
    }
}
