package io.outsight.ingest.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.outsight.core.record.FetchOutcome;
import io.outsight.ingest.fetch.TestSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Redirect chains that never end, loops, and redirects to what must not be fetched, through the ingest stage: each
 * ends in a status with a reason after a bounded number of requests.
 */
@Timeout(60)
class RedirectTrapTest {
    /** The production default of {@code ingest.fetch.max-redirects}. */
    private static final int MAX_REDIRECTS = 5;

    private static TestSite site;
    private static Stage stage;

    @BeforeAll
    static void start() {
        site = new TestSite();
        stage = new Stage();
        for (int i = 0; i < 50; i++) {
            site.redirect("/chain/" + i, 302, "/chain/" + (i + 1));
        }
        site.redirect("/loop-a", 301, "/loop-b").redirect("/loop-b", 307, site.url("/loop-a"));
        site.redirect("/self", 308, "/self");
        site.redirect("/self-fragment", 302, "/self-fragment#again");
        site.redirect("/to-file", 302, "file:///etc/passwd");
        site.redirect("/to-ftp", 301, "ftp://127.0.0.1/pub/x");
        site.redirect("/to-javascript", 302, "javascript:alert(1)");
        site.redirect("/to-garbage", 302, "http://[::1");
        site.route("/no-location", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(302, -1);
            }
        });
        site.page("/landing", "text/html", HostilePageTest.article("Landed", "Hiring rose."));
    }

    @AfterAll
    static void stop() {
        stage.close();
        site.close();
    }

    @Test
    void givesUpOnAnEndlessChainAfterTheLimit() throws Exception {
        var outcome = stage.ingest(site.url("/chain/0"));

        assertEquals(FetchOutcome.FAILED, outcome.status().outcome());
        assertTrue(outcome.status().reason().contains("more than " + MAX_REDIRECTS + " redirects"),
                outcome.status().reason());
        assertEquals(302, outcome.status().httpStatus());
        assertEquals(0, site.requests("/chain/" + (MAX_REDIRECTS + 1)).size(), "no request past the limit");
    }

    @ParameterizedTest
    @CsvSource({
        "/loop-a, redirect loop at",
        "/self, redirect loop at",
        "/self-fragment, redirect loop at",
        "/to-file, only http and https URLs are fetched",
        "/to-ftp, only http and https URLs are fetched",
        "/to-javascript, only http and https URLs are fetched",
        "/to-garbage, unreadable Location",
        "/no-location, redirect without Location",
    })
    void stopsAtATrapWithAReason(String path, String reason) throws Exception {
        var outcome = stage.ingest(site.url(path));

        assertEquals(FetchOutcome.FAILED, outcome.status().outcome(), outcome.status().reason());
        assertTrue(outcome.status().reason().contains(reason), outcome.status().reason());
        assertTrue(site.requests(path).size() <= 2, "each URL of a loop is requested at most twice: "
                + site.requests(path).size());
    }

    @Test
    void followsARedirectWithoutReadingItsHugeBody() throws Exception {
        // A redirect that carries 50 MB of body: the body is not wanted, so it must not be read to its end.
        byte[] block = new byte[64 * 1024];
        java.util.Arrays.fill(block, (byte) 'x');
        var heavy = new StreamedBody(302, "text/html", null, block, 800, true, "Location", "/landing");
        site.route("/heavy-redirect", heavy);

        var outcome = stage.ingest(site.url("/heavy-redirect"));

        assertEquals(FetchOutcome.OK, outcome.status().outcome(), outcome.status().reason());
        assertTrue(outcome.article().orElseThrow().text().contains("Hiring rose."));
        long written = heavy.bytesWritten();
        assertTrue(heavy.clientLeft() && written < heavy.size(),
                "server wrote " + written + " of " + heavy.size() + " bytes of a redirect's body");
    }
}
