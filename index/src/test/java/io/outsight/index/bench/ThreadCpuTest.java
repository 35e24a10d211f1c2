package io.outsight.index.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    @Test
    void groupsThreadsByTheirNameWithoutTheirNumber() {
        assertEquals("GC Thread", ThreadCpu.kind("GC Thread#1"));
        assertEquals("C2 CompilerThre", ThreadCpu.kind("C2 CompilerThre"));
        assertEquals("pool-6-thread", ThreadCpu.kind("pool-6-thread-2"));
        assertEquals("kafka-coordinat", ThreadCpu.kind("kafka-coordinat"));
        assertEquals("42", ThreadCpu.kind("42"));
    }

    @Test
    void reportsTheCpuTimeOfAThreadThatRanSinceTheSnapshot() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/task")), "Linux only");
        assumeTrue(ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported(), "thread CPU time measured");
        ThreadCpu before = ThreadCpu.now();
        var spun = new CountDownLatch(1);
        var done = new CountDownLatch(1);
        // Busy until the thread itself has used 50 ms of CPU, as the JVM counts it (no clock involved), then alive
        // until the second snapshot.
        Thread spinner = Thread.ofPlatform().name("spinner-7").start(() -> {
            var threads = ManagementFactory.getThreadMXBean();
            while (threads.getCurrentThreadCpuTime() < 50_000_000L) {
                Thread.onSpinWait();
            }
            spun.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        spun.await();
        String report = ThreadCpu.now().since(before, 0.04);
        done.countDown();
        spinner.join();

        var spinnerEntry = Pattern.compile("(?:^|, )spinner (\\d+\\.\\d\\d) s").matcher(report);
        assertTrue(spinnerEntry.find(), report);
        assertTrue(Double.parseDouble(spinnerEntry.group(1)) >= 0.04, report);
    }
}
