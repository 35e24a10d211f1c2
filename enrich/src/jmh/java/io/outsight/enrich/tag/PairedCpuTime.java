package io.outsight.enrich.tag;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time of the two workloads of {@link TaggingBenchmark#pairedTagAndBare}, which handles one article both ways in
 * each call: the ratio of the two sums in an iteration compares the workloads under the same load, second by
 * second, where two benchmarks run minutes apart on a shared machine can meet very different loads. One per
 * benchmark thread, reset every iteration; {@link PairedRatio} reads the sums.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PairedCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds spent tagging in this iteration. */
    public long tagNanos;
    /** CPU nanoseconds spent in bare sentence detection and tokenisation in this iteration. */
    public long bareNanos;
    /** Articles handled both ways in this iteration. */
    public long pairs;

    @Setup(Level.Iteration)
    public void reset() {
        tagNanos = 0;
        bareNanos = 0;
        pairs = 0;
    }

    long now() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
