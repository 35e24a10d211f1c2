package io.outsight.app.pipeline;

import java.util.Locale;

/** The three stages, each a Kafka consumer group that scales out by running more instances. */
public enum Stage {
    INGEST,
    ENRICH,
    INDEX;

    /** The consumer group of the stage: every instance of a stage shares it. */
    public String groupId() {
        return "outsight-" + cliName();
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
