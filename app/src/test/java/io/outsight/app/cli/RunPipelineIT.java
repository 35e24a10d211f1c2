package io.outsight.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.outsight.core.id.ArticleIds;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton end to end on the real local Kafka and Elasticsearch: {@code outsight run} over pages served
 * in-process, then {@code outsight search}.
 */
@ExtendWith(LocalStackExtension.class)
class RunPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer site;

    @BeforeAll
    static void serveSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        route("/bpo.html", 200, "text/html; charset=utf-8", page("Manila call centres grow",
                "<p>Philippine BPO providers added 20,000 seats in Manila this year.</p>"
                        + "<p>Clients in the United States moved more customer care work offshore.</p>"));
        route("/kpo.html", 200, "text/html; charset=utf-8", page("KPO firms bet on analytics",
                "<p>Knowledge process outsourcing, or KPO, firms in Pune won research mandates.</p>"
                        + "<p>Analysts expect the KPO segment to keep growing faster than BPO.</p>"));
        route("/missing.html", 404, "text/html", "<html><body>gone</body></html>");
        route("/data.json", 200, "application/json", "{\"not\":\"html\"}");
        site.start();
    }

    @AfterAll
    static void stopSite() {
        site.stop(0);
    }

    @Test
    void runIndexesEveryFetchedPageWithItsTagsAndSearchFindsThem(StackAddresses stack) throws IOException {
        String base = "http://127.0.0.1:" + site.getAddress().getPort();
        var run = outsight(stack, "run", "--json", "--allow-private-addresses", base + "/bpo.html",
                base + "/kpo.html", base + "/missing.html", base + "/data.json");
        assertEquals(0, run.exitCode(), run.toString());

        Map<String, JsonNode> byUrl = new HashMap<>();
        for (String line : run.out().strip().split("\n")) {
            JsonNode node = JSON.readTree(line);
            byUrl.put(node.get("url").asText(), node);
        }
        assertEquals(4, byUrl.size(), run.toString());
        assertEquals("http_4xx", byUrl.get(base + "/missing.html").at("/status/outcome").asText());
        assertEquals("not_html", byUrl.get(base + "/data.json").at("/status/outcome").asText());

        JsonNode bpo = byUrl.get(base + "/bpo.html").get("document");
        assertEquals(ArticleIds.of(base + "/bpo.html"), bpo.get("id").asText());
        assertEquals("Manila call centres grow", bpo.get("title").asText());
        assertTrue(bpo.get("text").asText().contains("Philippine BPO providers added 20,000 seats"), bpo.toString());
        assertFalse(bpo.get("text").asText().contains("Privacy policy"), "boilerplate kept: " + bpo.get("text"));
        assertTrue(texts(bpo.at("/tags/outsourcing_types")).contains("BPO"), bpo.toString());
        assertTrue(texts(bpo.at("/tags/countries")).containsAll(List.of("PH", "US")), bpo.at("/tags").toString());
        assertTrue(texts(bpo.at("/tags/sourcing_models")).contains("offshore"), bpo.at("/tags").toString());

        JsonNode kpo = byUrl.get(base + "/kpo.html").get("document");
        assertTrue(texts(kpo.at("/tags/outsourcing_types")).contains("KPO"), kpo.toString());
        JsonNode entity = kpo.get("entities").get(0);
        String text = kpo.get("text").asText();
        assertEquals(entity.get("text").asText(),
                text.substring(entity.get("start").asInt(), entity.get("end").asInt()), "entity offsets");

        var search = outsight(stack, "search", "kpo", "--json");
        assertEquals(0, search.exitCode(), search.toString());
        List<String> ids = new ArrayList<>();
        for (String line : search.out().strip().split("\n")) {
            ids.add(JSON.readTree(line).get("id").asText());
        }
        assertTrue(ids.contains(kpo.get("id").asText()), search.toString());

        var filtered = outsight(stack, "search", "--type", "kpo", "--json");
        assertEquals(0, filtered.exitCode(), filtered.toString());
        for (String line : filtered.out().strip().split("\n")) {
            assertTrue(texts(JSON.readTree(line).at("/tags/outsourcing_types")).contains("KPO"), line);
        }
        assertFalse(filtered.out().contains(bpo.get("id").asText()), "the BPO-only page must not match --type KPO");
    }

    @Test
    void searchWithoutAnyStackSaysHowToStartOne() {
        var result = outsight(null, "search", "kpo", "--data-dir", "target/no-stack-here");
        assertEquals(ExitCodes.USAGE, result.exitCode(), result.toString());
        assertTrue(result.err().contains("outsight stack up"), result.err());
    }

    record Result(int exitCode, String out, String err) {}

    private static Result outsight(StackAddresses stack, String... args) {
        var all = new ArrayList<>(List.of(args));
        if (stack != null) {
            all.addAll(List.of("--kafka", stack.kafkaBootstrapServers(), "--elasticsearch", stack.elasticsearchUrl()));
        }
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = OutsightCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private static List<String> texts(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>" + title + "</h1>"
                + body + "</article><footer><a href=\"/privacy\">Privacy policy</a> · © 2026 Test Site</footer>"
                + "</body></html>";
    }

    private static void route(String path, int status, String contentType, String body) {
        site.createContext(path, exchange -> {
            try (exchange) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
    }
}
