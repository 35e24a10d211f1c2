package io.outsight.core.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time of the benchmark thread per call, next to JMH's wall-clock score. The machine these benchmarks run on has
 * two cores shared with other builds, so wall-clock time per call grows with the load; the thread's own CPU time
 * much less so, which keeps a ratio of two benchmarks run minutes apart comparable. Reading the clock costs about a
 * microsecond, small next to calls of milliseconds. JMH shows the two counters summed over the run;
 * {@link BenchmarkRatio} turns them into CPU time per call with an error over the iterations. One per benchmark
 * thread, reset every iteration.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds of the thread in the calls of this iteration (JMH sums it over the iterations). */
    public long cpuNanos;
    /** Calls in this iteration (JMH sums it over the iterations). */
    public long calls;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        calls = 0;
    }

    /** The thread's CPU time now, to pass back to {@link #stop}. */
    public long start() {
        return THREADS.getCurrentThreadCpuTime();
    }

    public void stop(long start) {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
        calls++;
    }
}
