package io.outsight.index.sink;

import co.elastic.clients.elasticsearch._types.VersionType;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link BulkSink} batches and bounds its requests.
 *
 * @param maxOperations most documents in one bulk request
 * @param maxBytes most bytes of documents in one bulk request
 * @param maxConcurrentRequests most bulk requests in flight; adding more blocks (back-pressure)
 * @param ackTimeout how long to wait for Elasticsearch to acknowledge a batch before treating it as failed
 * @param versionType {@link VersionType#External} (a replay of the same version is a no-op) or
 *     {@link VersionType#ExternalGte} (the same version overwrites)
 */
public record BulkSettings(int maxOperations, long maxBytes, int maxConcurrentRequests, Duration ackTimeout,
        VersionType versionType) {
    /** 500 documents or 5 MiB per request, 2 requests in flight, 2 minutes to acknowledge, external versions. */
    public static final BulkSettings DEFAULT = new BulkSettings(500, 5L * 1024 * 1024, 2, Duration.ofMinutes(2),
            VersionType.External);

    public BulkSettings {
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(versionType, "versionType");
        if (maxOperations < 1 || maxBytes < 1 || maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("bulk limits must be positive: " + maxOperations + " operations, "
                    + maxBytes + " bytes, " + maxConcurrentRequests + " requests");
        }
        if (versionType != VersionType.External && versionType != VersionType.ExternalGte) {
            throw new IllegalArgumentException("the sink needs external versions, not " + versionType);
        }
    }

    /** The settings of the {@code index.bulk.*} keys. */
    public static BulkSettings from(Config config) {
        Objects.requireNonNull(config, "config");
        return new BulkSettings(config.get(ConfigKeys.INDEX_BULK_MAX_OPERATIONS),
                config.get(ConfigKeys.INDEX_BULK_MAX_SIZE), config.get(ConfigKeys.INDEX_BULK_CONCURRENT_REQUESTS),
                config.get(ConfigKeys.INDEX_BULK_TIMEOUT), VersionType.External);
    }

    public BulkSettings withVersionType(VersionType type) {
        return new BulkSettings(maxOperations, maxBytes, maxConcurrentRequests, ackTimeout, type);
    }

    public BulkSettings withMaxOperations(int operations) {
        return new BulkSettings(operations, maxBytes, maxConcurrentRequests, ackTimeout, versionType);
    }

    public BulkSettings withMaxConcurrentRequests(int requests) {
        return new BulkSettings(maxOperations, maxBytes, requests, ackTimeout, versionType);
    }
}
