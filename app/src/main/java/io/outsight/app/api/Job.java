package io.outsight.app.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The URLs submitted by one request.
 *
 * @param id the job id handed back to the client
 * @param submittedAt when the job was accepted; statuses checked earlier belong to other submissions
 * @param urls each URL as submitted with its normalised key (the key of its fetch status)
 */
public record Job(String id, Instant submittedAt, List<Url> urls) {
    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(submittedAt, "submittedAt");
        urls = List.copyOf(urls);
    }

    /** One URL of a job. */
    public record Url(String url, String key) {
        public Url {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(key, "key");
        }
    }
}
