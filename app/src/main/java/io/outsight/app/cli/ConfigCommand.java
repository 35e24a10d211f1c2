package io.outsight.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight config}: the resolved configuration with the origin of each value, secrets masked. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the resolved configuration: every key, its value and where it came from (default, "
                + "file, environment or flag). Secrets are masked. Fails, naming the key, when it is invalid.",
        footer = {"", "Examples:", "  outsight config", "  outsight config --config outsight.yaml",
                "  OUTSIGHT_INGEST_FETCH_TIMEOUT=30s outsight config -D index.batch-size=500"})
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        options.load().describe().forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
