package io.outsight.app.api;

import io.outsight.core.record.FetchStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The jobs of this server and the latest fetch status of each of their URLs, in memory: a restart forgets them, and
 * only the newest {@code capacity} jobs are kept. Statuses of URLs no kept job asked for are not stored. Thread-safe
 * (every method is synchronized: the work under the lock is small map updates).
 */
public final class JobRegistry {
    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<String, Job> jobs = new LinkedHashMap<>();
    /** How many kept jobs wait on each key: statuses of other keys are dropped. */
    private final Map<String, Integer> wanted = new HashMap<>();
    private final Map<String, FetchStatus> statuses = new HashMap<>();

    public JobRegistry(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public synchronized Job create(List<Job.Url> urls) {
        var job = new Job(UUID.randomUUID().toString(), clock.instant(), urls);
        jobs.put(job.id(), job);
        job.urls().forEach(u -> wanted.merge(u.key(), 1, Integer::sum));
        while (jobs.size() > capacity) {
            var eldest = jobs.entrySet().iterator();
            Job evicted = eldest.next().getValue();
            eldest.remove();
            for (Job.Url u : evicted.urls()) {
                if (wanted.merge(u.key(), -1, Integer::sum) <= 0) {
                    wanted.remove(u.key());
                    statuses.remove(u.key());
                }
            }
        }
        return job;
    }

    public synchronized Optional<Job> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Records a status read from {@code outsight.fetch.status}, keyed by normalised URL; the latest wins. */
    public synchronized void observe(String key, FetchStatus status) {
        if (wanted.containsKey(key)) {
            statuses.merge(key, status, (old, now) -> now.checkedAt().isBefore(old.checkedAt()) ? old : now);
        }
    }

    /** The status of each URL of the job checked since it was submitted, by key; URLs without one are absent. */
    public synchronized Map<String, FetchStatus> statuses(Job job) {
        var out = new LinkedHashMap<String, FetchStatus>();
        for (Job.Url u : job.urls()) {
            FetchStatus s = statuses.get(u.key());
            if (s != null && !s.checkedAt().isBefore(job.submittedAt())) {
                out.put(u.key(), s);
            }
        }
        return out;
    }

    synchronized List<String> ids() {
        return new ArrayList<>(jobs.keySet());
    }
}
