package io.outsight.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outsight.app.api.ApiService;
import io.outsight.app.demo.DemoSite;
import io.outsight.app.pipeline.Endpoints;
import io.outsight.app.pipeline.Pipeline;
import io.outsight.app.pipeline.Stage;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigKeys;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end: the bundled demo articles go through the real pipeline on the local Kafka and
 * Elasticsearch, then a headless Chromium loads the page that {@code outsight serve} serves, narrows the results with
 * a filter, reads what the charts drew, opens an article with its tags highlighted, and saves screenshots to
 * {@code target/dashboard-screenshots}. Chromium missing: skipped ({@link Chromium}), or failed when {@code CI=true}.
 */
@ExtendWith(Chromium.class)
@ExtendWith(LocalStackExtension.class)
class DashboardIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target",
            "dashboard-screenshots");
    private static final Duration PIPELINE = Duration.ofSeconds(150);
    private static final Duration PAGE = Duration.ofSeconds(45);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thePageSearchesFiltersAndChartsWhatTheLocalStackIndexed(StackAddresses stack) throws Exception {
        var config = Config.defaults()
                .with(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers(), "test")
                .with(ConfigKeys.ELASTICSEARCH_URL, stack.elasticsearchUrl(), "test")
                .with(ConfigKeys.INGEST_FETCH_ALLOW_PRIVATE_ADDRESSES, true, "test")
                .with(ConfigKeys.API_PORT, 0, "test");
        var endpoints = new Endpoints(stack.kafkaBootstrapServers(), stack.elasticsearchUrl());
        try (var demo = DemoSite.start();
                var pipeline = Pipeline.start(config, endpoints, EnumSet.allOf(Stage.class));
                var api = ApiService.start(config, endpoints, "127.0.0.1", pipeline.loops())) {
            assertTrue(pipeline.awaitReady(Duration.ofSeconds(60)), "stages joined their groups");
            String base = "http://127.0.0.1:" + api.port();
            Set<String> demoIds = indexDemoArticles(base, demo);

            ChromeDriver browser = Chromium.start(1440, 2400);
            try {
                checkPage(browser, base, demoIds);
            } finally {
                browser.quit();
            }
        }
    }

    /** Submits the demo pages as a job and waits until every one is indexed and searchable; returns their ids. */
    private Set<String> indexDemoArticles(String base, DemoSite demo) {
        var urls = JSON.createArrayNode();
        demo.urls().forEach(urls::add);
        var accepted = post(base + "/jobs", urls.toString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        String job = json(accepted).get("id").asText();

        JsonNode done = httpWait("the demo job to finish").until(client -> {
            JsonNode status = json(get(base + "/jobs/" + job));
            return status.get("state").asText().equals("done") ? status : null;
        });
        var ids = new HashSet<String>();
        for (JsonNode url : done.get("urls")) {
            assertEquals("indexed", url.get("state").asText(), done.toString());
            ids.add(url.get("article_id").asText());
        }
        // Indexed is real-time by id; searches see documents after the refresh interval.
        httpWait("the demo articles to be searchable").until(client -> {
            var found = new HashSet<String>();
            json(get(base + "/search?size=500")).get("hits").forEach(h -> found.add(h.get("id").asText()));
            return found.containsAll(ids) ? Boolean.TRUE : null;
        });
        return ids;
    }

    private void checkPage(ChromeDriver browser, String base, Set<String> demoIds) throws IOException {
        var wait = new WebDriverWait(browser, PAGE);
        browser.get(base + "/");
        long all = json(get(base + "/search?size=0")).get("total").asLong();
        wait.until(d -> "true".equals(attribute(d, "body", "data-loaded"))
                && String.valueOf(all).equals(attribute(d, "#result-total", "data-total")));
        assertEquals("Outsight · Outsourcing market intelligence", browser.getTitle());
        assertTrue(browser.findElements(By.cssSelector("#results li.result")).size() >= Math.min(10, demoIds.size()));

        // Charts: drawn from the local stack's answers, as SVG.
        var countries = json(get(base + "/facets?facet=countries")).at("/facets/countries");
        wait.until(d -> "ready".equals(attribute(d, "#chart-countries", "data-state")));
        @SuppressWarnings("unchecked")
        var drawnCountries = (List<String>) browser.executeScript("return window.outsightDashboard"
                + ".option('countries').series[0].data.map(d => d.key)");
        var expectedCountries = new ArrayList<String>();
        countries.forEach(b -> expectedCountries.add(b.get("key").asText()));
        assertEquals(expectedCountries.subList(0, Math.min(15, expectedCountries.size())), drawnCountries);
        assertTrue(drawnCountries.contains("IN"), "the India demo article is charted: " + drawnCountries);
        assertTrue(count(browser, "#chart-countries svg path") >= drawnCountries.size(), "one bar per country");
        wait.until(d -> "ready".equals(attribute(d, "#chart-types", "data-state")));
        wait.until(d -> "ready".equals(attribute(d, "#chart-organizations", "data-state")));
        wait.until(d -> "ready".equals(attribute(d, "#chart-crawl", "data-state")));

        JsonNode marketFigures = json(get(base + "/market-figures"));
        long figures = usablePoints(marketFigures);
        assertTrue(figures > 0, "the demo articles state market sizes with a year");
        wait.until(d -> String.valueOf(figures).equals(attribute(d, "#chart-market", "data-points")));
        screenshot(browser, "dashboard.png");
        checkMarketPoint(browser, wait, firstUsablePoint(marketFigures));

        // A filter narrows the results: pick an outsourcing type that some, not all, articles have.
        String type = null;
        long typeTotal = 0;
        for (JsonNode bucket : json(get(base + "/facets?facet=types")).at("/facets/types")) {
            if (bucket.get("count").asLong() < all) {
                type = bucket.get("key").asText();
                typeTotal = bucket.get("count").asLong();
                break;
            }
        }
        assertTrue(type != null, "some outsourcing type is on fewer than all articles");
        String chosen = type;
        long expected = typeTotal;
        new Select(browser.findElement(By.id("filter-type"))).selectByValue(chosen);
        wait.until(d -> String.valueOf(expected).equals(attribute(d, "#result-total", "data-total"))
                && "false".equals(attribute(d, "body", "data-loading")));
        assertTrue(expected < all, "the filter narrowed " + all + " articles to " + expected);
        var shown = browser.findElements(By.cssSelector("#results li.result"));
        assertEquals(Math.min(10, expected), shown.size());
        for (WebElement result : shown) {
            assertTrue(List.of(result.getDomAttribute("data-types").split(",")).contains(chosen),
                    "every result is tagged " + chosen + ": " + result.getDomAttribute("data-types"));
        }
        assertTrue(browser.getCurrentUrl().contains("type=" + URLEncoder.encode(chosen, StandardCharsets.UTF_8)),
                "the filter is in the address, so the view can be shared: " + browser.getCurrentUrl());
        long typeFigures = usablePoints(json(get(base + "/market-figures?type="
                + URLEncoder.encode(chosen, StandardCharsets.UTF_8))));
        wait.until(d -> String.valueOf(typeFigures).equals(attribute(d, "#chart-market", "data-points")));
        screenshot(browser, "dashboard-filtered.png");

        // Results carry their tags highlighted in the text, and so does the article view.
        assertTrue(count(browser, "#results .snippet mark.tag") > 0, "snippets mark their tags");
        WebElement first = browser.findElement(By.cssSelector("#results li.result"));
        String firstTitle = first.findElement(By.cssSelector(".result-title")).getText();
        first.findElement(By.cssSelector(".result-title")).click();
        wait.until(d -> count(d, "#article-text mark.tag") > 0);
        assertEquals(firstTitle, browser.findElement(By.id("article-title")).getText());
        assertTrue(count(browser, "#article-text mark.t-outsourcing_type") > 0, "outsourcing types are marked");
        screenshot(browser, "article.png");

        var errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(entry -> entry.getMessage())
                .toList();
        assertEquals(List.of(), errors, "the browser console shows no errors (script, policy or network)");
    }

    /**
     * The first point of the market-size chart shows its sentence on hover and opens its article, with the figure
     * marked, on click.
     */
    private static void checkMarketPoint(ChromeDriver browser, WebDriverWait wait, JsonNode point)
            throws IOException {
        browser.executeScript("window.outsightDashboard.charts.market.dispatchAction("
                + "{type: 'showTip', seriesIndex: 0, dataIndex: 0})");
        String sentence = point.at("/figure/text").asText().replaceAll("\\s+", " ");
        wait.until(d -> String.valueOf(((JavascriptExecutor) d).executeScript(
                "return document.getElementById('chart-market').innerText")).replaceAll("\\s+", " ")
                .contains(sentence));
        screenshot(browser, "market-tooltip.png");

        @SuppressWarnings("unchecked")
        var at = (List<Number>) browser.executeScript("""
                const chart = window.outsightDashboard.charts.market;
                const [x, y] = chart.convertToPixel({seriesIndex: 0}, arguments[0]);
                const box = chart.getDom().getBoundingClientRect();
                return [box.left + x, box.top + y];""", List.of(point.at("/figure/year").asInt(),
                point.at("/figure/value").asDouble()));
        new Actions(browser).moveToLocation(at.get(0).intValue(), at.get(1).intValue()).click().perform();
        wait.until(d -> count(d, "#article-text mark.focus") > 0);
        assertEquals(point.get("title").asText(), browser.findElement(By.id("article-title")).getText());
        String marked = browser.findElement(By.cssSelector("#article-text mark.focus")).getText();
        assertTrue(sentence.contains(marked.replaceAll("\\s+", " ")), marked + " is part of " + sentence);
        browser.findElement(By.cssSelector(".dialog-close button")).click();
        wait.until(d -> !d.findElement(By.id("article-dialog")).isDisplayed());
    }

    private static JsonNode firstUsablePoint(JsonNode answer) {
        for (JsonNode point : answer.get("points")) {
            if (point.at("/figure/value").asDouble(0) > 0 && point.at("/figure/year").isInt()) {
                return point;
            }
        }
        throw new AssertionError("no point to chart in " + answer);
    }

    /** The market-size figures the chart can place: a positive value and a year. */
    private static long usablePoints(JsonNode answer) {
        long n = 0;
        for (JsonNode point : answer.get("points")) {
            JsonNode figure = point.get("figure");
            if (figure.path("value").asDouble(0) > 0 && figure.path("year").isInt()) {
                n++;
            }
        }
        return n;
    }

    private static String attribute(WebDriver driver, String css, String name) {
        var found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.getFirst().getDomAttribute(name);
    }

    private static int count(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        ((JavascriptExecutor) browser).executeScript("return document.fonts.ready");
        Files.createDirectories(SCREENSHOTS);
        Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Polls the API every 250 ms until the condition answers non-null, for at most {@link #PIPELINE}. */
    private FluentWait<HttpClient> httpWait(String what) {
        return new FluentWait<>(http).withTimeout(PIPELINE).pollingEvery(Duration.ofMillis(250))
                .withMessage("waiting for " + what);
    }

    private HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).build());
    }

    private HttpResponse<String> post(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
