package io.outsight.ingest.robots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.FetchOutcome;
import io.outsight.ingest.fetch.FetchSettings;
import io.outsight.ingest.fetch.PageFetcher;
import io.outsight.ingest.fetch.TestSite;
import io.outsight.ingest.politeness.FakeTime;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RobotsCacheTest {
    private final FakeTime time = new FakeTime();
    private final TestSite site = new TestSite();
    private final PageFetcher http = new PageFetcher(FetchSettings.defaults(true));
    private final RobotsCache cache = new RobotsCache(http, "outsightbot", time, Duration.ofHours(1), 100);

    @AfterEach
    void stop() throws IOException {
        http.close();
        site.close();
    }

    private HostRobots robots() {
        return cache.forUrl(URI.create(site.url("/any")));
    }

    @Test
    void readsTheRulesAndTheCrawlDelayForOurToken() {
        site.robots("User-agent: *\nDisallow: /\n\nUser-agent: outsightbot\nCrawl-delay: 1.5\nDisallow: /tmp/\n");
        var rules = assertInstanceOf(HostRobots.Rules.class, robots());
        assertTrue(rules.allows(site.url("/news/1")));
        assertFalse(rules.allows(site.url("/tmp/1")));
        assertEquals(Optional.of(Duration.ofMillis(1500)), rules.crawlDelay());
    }

    @Test
    void saysNoCrawlDelayWhenNoneIsSet() {
        site.robots("User-agent: *\nDisallow: /x\n");
        assertEquals(Optional.empty(), assertInstanceOf(HostRobots.Rules.class, robots()).crawlDelay());
    }

    @ParameterizedTest
    @CsvSource({"404", "403", "410"})
    void aMissingRobotsTxtAllowsEverything(int status) {
        site.respond("/robots.txt", status, "text/plain", new byte[0]);
        assertTrue(assertInstanceOf(HostRobots.Rules.class, robots()).allows(site.url("/anything")));
    }

    @Test
    void aServerErrorMakesTheHostUnavailable() {
        site.respond("/robots.txt", 500, "text/plain", new byte[0]);
        var unavailable = assertInstanceOf(HostRobots.Unavailable.class, robots());
        assertEquals(FetchOutcome.HTTP_5XX, unavailable.failure().outcome());
    }

    @Test
    void keepsTheRulesForTheirTimeToLive() {
        site.robots("User-agent: *\nDisallow: /x\n");
        robots();
        time.advance(Duration.ofMinutes(59));
        robots();
        assertEquals(1, site.requests("/robots.txt").size());
        time.advance(Duration.ofMinutes(2));
        robots();
        assertEquals(2, site.requests("/robots.txt").size());
    }

    @Test
    void forgetsAFailureSoonerThanRules() {
        site.respond("/robots.txt", 503, "text/plain", new byte[0]);
        robots();
        time.advance(RobotsCache.FAILURE_TTL.plusSeconds(1));
        robots();
        assertEquals(2, site.requests("/robots.txt").size());
    }

    @Test
    void followsARedirectOfRobotsTxt() {
        site.redirect("/robots.txt", 301, "/real-robots.txt").page("/real-robots.txt", "text/plain",
                "User-agent: *\nDisallow: /secret\n");
        assertFalse(assertInstanceOf(HostRobots.Rules.class, robots()).allows(site.url("/secret")));
    }

    @ParameterizedTest
    @CsvSource({"http://Example.com/a, http://example.com", "https://example.com:443/a, https://example.com",
        "http://example.com:8080/a, http://example.com:8080"})
    void keysRobotsBySchemeHostAndPort(String url, String site) {
        assertEquals(site, RobotsCache.siteOf(URI.create(url)));
    }
}
