package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SearchCommandUniqueTest {
    private static SearchCommand parse(String... args) {
        var command = new SearchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void uniqueCountsStoriesOnlyWhenAsked() {
        assertTrue(parse("--unique", "--type", "BPO", "--facet", "types").query().unique());
        assertFalse(parse("--type", "BPO").query().unique());
    }
}
