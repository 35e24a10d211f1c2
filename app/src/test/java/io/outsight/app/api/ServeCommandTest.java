package io.outsight.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.app.cli.OutsightCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ServeCommandTest {
    @Test
    void serveIsACommandThatDescribesItsOptions() {
        var out = new StringWriter();
        var commandLine = OutsightCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("serve", "--help"));
        assertTrue(out.toString().contains("/openapi.json"), out.toString());
        assertTrue(out.toString().contains("--stages"), out.toString());
    }

    @Test
    void serveWithoutAnyStackSaysHowToStartOne() {
        var err = new StringWriter();
        var commandLine = OutsightCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("serve", "--data-dir", "target/no-stack-here"));
        assertTrue(err.toString().contains("outsight stack up"), err.toString());
    }
}
