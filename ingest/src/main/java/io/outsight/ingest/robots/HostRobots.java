package io.outsight.ingest.robots;

import crawlercommons.robots.BaseRobotRules;
import io.outsight.ingest.fetch.FetchResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What a host's robots.txt lets us do: its rules, or why they are unavailable (and the host is not fetched). */
public sealed interface HostRobots {

    /** Rules to follow (from the file, or "allow all" when the host has none). */
    record Rules(BaseRobotRules rules) implements HostRobots {
        public Rules {
            Objects.requireNonNull(rules, "rules");
        }

        public boolean allows(String url) {
            return rules.isAllowed(url);
        }

        /** The Crawl-delay that applies to us, if robots.txt sets one (crawler-commons says Long.MIN_VALUE if not). */
        public Optional<Duration> crawlDelay() {
            long millis = rules.getCrawlDelay();
            return millis == BaseRobotRules.UNSET_CRAWL_DELAY || millis < 0 ? Optional.empty()
                    : Optional.of(Duration.ofMillis(millis));
        }
    }

    /** robots.txt could not be read (server error, timeout, unreachable): the host is not fetched for now. */
    record Unavailable(FetchResult.Failed failure) implements HostRobots {
        public Unavailable {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
