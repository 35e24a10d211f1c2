package io.outsight.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKey;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.json.RecordCodec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code outsight config}: the resolved configuration with the origin of each value, secrets masked. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the resolved configuration: every key, its value and where it came from (default, "
                + "file, environment or flag). Secrets are masked. Fails, naming the key, when it is invalid.",
        footer = {"", "Examples:", "  outsight config", "  outsight config --config outsight.yaml",
                "  OUTSIGHT_INGEST_FETCH_TIMEOUT=30s outsight config -D index.batch-size=500",
                "  outsight config --json | jq '.\"ingest.fetch.timeout\"'"})
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--json", description = "Print one JSON object: for each key, its value (secrets masked, "
            + "absent when unset), origin and environment variable.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Config config = options.load();
        if (json) {
            ObjectNode tree = new RecordCodec().mapper().createObjectNode();
            for (ConfigKey<?> key : ConfigKeys.ALL) {
                ObjectNode entry = tree.putObject(key.name());
                config.find(key).ifPresent(value -> entry.put("value", key.display(value)));
                entry.put("origin", config.origin(key)).put("env", key.envName());
            }
            out.println(tree);
        } else {
            config.describe().forEach(out::println);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
