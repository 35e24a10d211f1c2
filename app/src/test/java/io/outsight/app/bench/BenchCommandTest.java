package io.outsight.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.app.cli.OutsightCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchCommandTest {
    @Test
    void helpNamesTheOptionsAndTheTargets() {
        var out = new StringWriter();
        var commandLine = OutsightCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("bench", "--help"));
        for (String option : new String[] {"--count", "--warm-up", "--seed", "--json", "--keep-stack", "--worker-heap",
                "--worker-jvm-option", "--one-worker", "--rounds"}) {
            assertTrue(out.toString().contains(option), option + " in " + out);
        }
    }

    @ParameterizedTest
    @CsvSource({"256m, 268435456", "1g, 1073741824", "1G, 1073741824", "524288k, 536870912", "1000, 1000"})
    void workerHeapIsReadAsTheJvmReadsXmx(String size, long bytes) {
        assertEquals(bytes, Benchmark.heapBytes(size));
    }

    @ParameterizedTest
    @CsvSource({"256mb", "-1m", "lots", "''"})
    void aWorkerHeapThatIsNoSizeIsRefused(String size) {
        assertThrows(IllegalArgumentException.class, () -> Benchmark.heapBytes(size));
    }

    @Test
    void aCountBelowOneIsBadUsage() {
        var err = new StringWriter();
        var commandLine = OutsightCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("bench", "--count", "0"));
        assertTrue(err.toString().contains("--count"), err.toString());
    }

    @ParameterizedTest
    @CsvSource({"0", "-1"})
    void roundsBelowOneAreBadUsage(String rounds) {
        var err = new StringWriter();
        var commandLine = OutsightCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("bench", "--rounds", rounds));
        assertTrue(err.toString().contains("--rounds"), err.toString());
    }

    @Test
    void threeRoundsByDefault() {
        var parsed = OutsightCommand.commandLine().parseArgs("bench").subcommand();
        assertEquals(3, parsed.commandSpec().findOption("--rounds").<Integer>getValue());
    }
}
