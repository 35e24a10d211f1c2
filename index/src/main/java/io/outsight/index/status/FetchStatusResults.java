package io.outsight.index.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outsight.core.record.FetchStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statuses matching a {@link FetchStatusQuery}, newest first, with counts over all matches.
 *
 * @param total how many URLs match
 * @param statuses the newest matching statuses
 * @param byOutcome how many matching URLs per outcome, most first
 * @param byHost how many matching URLs per host, most first (the top 20)
 */
public record FetchStatusResults(long total, List<FetchStatus> statuses, Map<String, Long> byOutcome,
        Map<String, Long> byHost) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public FetchStatusResults {
        statuses = List.copyOf(statuses);
        byOutcome = Collections.unmodifiableMap(new LinkedHashMap<>(byOutcome));
        byHost = Collections.unmodifiableMap(new LinkedHashMap<>(byHost));
    }

    /** {@code {"total", "statuses": [records as on the topic], "by_outcome": {…}, "by_host": {…}}}. */
    public ObjectNode toJson(io.outsight.core.json.RecordCodec codec) {
        ObjectNode root = JSON.createObjectNode().put("total", total);
        var array = root.putArray("statuses");
        statuses.forEach(s -> array.add(codec.toTree(s)));
        ObjectNode outcomes = root.putObject("by_outcome");
        byOutcome.forEach(outcomes::put);
        ObjectNode hosts = root.putObject("by_host");
        byHost.forEach(hosts::put);
        return root;
    }
}
