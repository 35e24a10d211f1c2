package io.outsight.app.cli;

import io.outsight.app.cli.progress.Progress;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The option of commands that do long work: {@code --quiet} turns their progress on stderr off. */
final class ProgressOptions {
    @Option(names = {"-q", "--quiet"},
            description = "Show no progress on stderr (by default a bar with rate and ETA on a terminal, else a line "
                    + "every 10 s; none with --json).")
    boolean quiet;

    /** Starts showing progress of {@code total} units (0: unknown) on {@code err}, as the options and json say. */
    Progress start(String label, long total, boolean json, PrintWriter err) {
        return Progress.start(label, total, Progress.Mode.detect(json, quiet), err);
    }
}
