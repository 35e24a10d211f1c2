package io.outsight.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MachineCpuTest {
    @Test
    void busyTicksAddEveryColumnButIdleAndIowaitAndLeaveGuestTimeOut() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertEquals(100 + 2 + 30 + 5 + 7 + 1,
                MachineCpu.busyTicks("cpu  100 2 30 9000 400 5 7 1 50 0"));
    }

    @Test
    void busySecondsGrowWhileThisThreadWorks() {
        var before = MachineCpu.busySeconds();
        if (before.isEmpty()) {
            return; // not Linux: nothing to read, which the report handles
        }
        long sink = 0;
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        double after = MachineCpu.busySeconds().orElseThrow();
        assertTrue(after > before.getAsDouble(), "busy " + before.getAsDouble() + " -> " + after + " (" + sink + ")");
    }

    @Test
    void aProcessTreeCountsItsDescendantsAndAGoneProcessCountsNothing() throws Exception {
        double own = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
        var child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // This JVM and its child while it starts: at least what this JVM alone had used.
            assertTrue(MachineCpu.processTreeSeconds(ProcessHandle.current().pid()).orElseThrow() >= own);
        } finally {
            child.waitFor();
        }
        assertTrue(MachineCpu.processTreeSeconds(child.pid()).isEmpty(), "a process that ended has no CPU to tell");
    }

    @Test
    void aReadingSubtractsAnEarlierOneAndLeavesOutWhatEitherLacks() {
        var before = new MachineCpu.Reading(OptionalDouble.of(100), Map.of("kafka", 5.0, "gone", 1.0));
        var after = new MachineCpu.Reading(OptionalDouble.of(130), Map.of("kafka", 7.5, "new", 2.0));
        assertEquals(30.0, after.machineSince(before));
        assertEquals(Map.of("kafka", 2.5), after.processesSince(before));
        var offLinux = new MachineCpu.Reading(OptionalDouble.empty(), Map.of());
        assertNull(offLinux.machineSince(before));
    }
}
