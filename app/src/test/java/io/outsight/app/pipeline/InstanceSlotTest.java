package io.outsight.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceSlotTest {
    @TempDir
    Path dir;

    @Test
    void runningHoldersGetSlotsOfTheirOwnAndAFreedSlotIsTakenAgainFirst() {
        try (var first = InstanceSlot.claim(dir, "outsight-enrich-host");
                var second = InstanceSlot.claim(dir, "outsight-enrich-host")) {
            assertEquals("outsight-enrich-host-0", first.id());
            assertEquals("outsight-enrich-host-1", second.id());

            first.close();
            try (var next = InstanceSlot.claim(dir, "outsight-enrich-host")) {
                assertEquals("outsight-enrich-host-0", next.id(), "the lowest free slot, the gone one's");
                try (var another = InstanceSlot.claim(dir, "outsight-enrich-host")) {
                    assertEquals(2, another.number(), "slot 1 is still held");
                }
            }
        }
    }

    @Test
    void eachPrefixHasItsOwnSlots() {
        try (var enrich = InstanceSlot.claim(dir, "outsight-enrich-host");
                var ingest = InstanceSlot.claim(dir, "outsight-ingest-host")) {
            assertEquals(0, enrich.number());
            assertEquals(0, ingest.number());
            assertNotEquals(enrich.id(), ingest.id());
        }
    }

    @Test
    void theLockFileNamesItsHoldersProcess() throws IOException {
        try (var slot = InstanceSlot.claim(dir, "outsight-ingest-host")) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(slot.file()));
        }
    }

    @Test
    void closingTwiceFreesTheSlotOnce() {
        var slot = InstanceSlot.claim(dir, "p");
        slot.close();
        try (var again = InstanceSlot.claim(dir, "p")) {
            slot.close(); // must not free the slot its successor holds
            try (var other = InstanceSlot.claim(dir, "p")) {
                assertEquals(0, again.number());
                assertEquals(1, other.number());
            }
        }
    }

    /**
     * Another process's lock, as a restarted worker meets it while an older one still runs: the slot is taken. Once
     * that process is gone (killed, so it released nothing itself) the slot is free again.
     */
    @Test
    void aSlotHeldByAnotherProcessIsTakenUntilThatProcessIsGone() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                dir.toString(), "p").redirectErrorStream(true).start();
        try {
            assertEquals("holding p-0", holder.inputReader().readLine(), "the other process took the first slot");
            try (var slot = InstanceSlot.claim(dir, "p")) {
                assertEquals(1, slot.number());
            }
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (var slot = InstanceSlot.claim(dir, "p")) {
            assertEquals(0, slot.number(), "the killed holder's slot");
        }
    }

    /** Claims a slot of the given folder and prefix, says which, and holds it until killed. */
    static final class Holder {
        public static void main(String[] args) throws IOException {
            var slot = InstanceSlot.claim(Path.of(args[0]), args[1]);
            System.out.println("holding " + slot.id());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Holds the slot until killed (or its input closes).
            }
        }
    }
}
