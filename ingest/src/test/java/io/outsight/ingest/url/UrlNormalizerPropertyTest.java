package io.outsight.ingest.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of {@link UrlNormalizer} over generated URLs (QuickTheories, which shrinks a failing URL to a small
 * one): it throws nothing but {@link InvalidUrlException}; what it returns is a fixed point; the result has a
 * lower-case http(s) scheme and host, no fragment, no credentials, no tracking parameters and nothing but printable
 * ASCII; and the path and the other query parameters come through unchanged but for percent-encoding. The seed is
 * fixed so that a run is repeatable; {@code -Dqt.seed=N} explores others.
 */
class UrlNormalizerPropertyTest {
    private static final long SEED = Long.getLong("qt.seed", 20261126L);
    private static final int EXAMPLES = 500;
    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
            "igshid", "yclid", "_hsenc", "_hsmi", "ref_src");

    private final UrlNormalizer normalizer = new UrlNormalizer();

    private static QuickTheory theory() {
        return qt().withFixedSeed(SEED).withExamples(EXAMPLES);
    }

    /** A URL built from parts, each drawn from values that probe one rule of the normaliser. */
    record Parts(String scheme, String userInfo, String host, String port, String path, List<String> params,
            String fragment) {
        @Override
        public String toString() {
            return scheme + "://" + userInfo + host + port + path + (params.isEmpty() ? "" : "?" + String.join("&", params))
                    + fragment;
        }
    }

    private static final Gen<String> SCHEME = Generate.pick(List.of("http", "https", "HTTP", "HtTpS"));
    private static final Gen<String> ASCII_LABEL = strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8)
            .zip(Generate.booleans(), (s, upper) -> upper ? s.toUpperCase(Locale.ROOT) : s);
    private static final Gen<String> UNICODE_LABEL = strings().betweenCodePoints(0xA1, 0x2FFF).ofLengthBetween(1, 5);
    private static final Gen<String> HOST = Generate.oneOf(
            lists().of(ASCII_LABEL).ofSizeBetween(1, 4).map(l -> String.join(".", l)),
            lists().of(ASCII_LABEL.mix(UNICODE_LABEL)).ofSizeBetween(1, 3).map(l -> String.join(".", l)),
            Generate.pick(List.of("127.0.0.1", "[::1]", "[2001:DB8::A]", "Example.COM.", "xn--bcher-kva.example",
                    "bücher.example", "ｅｘａｍｐｌｅ.com", "a\u3002b", "x\u2100y.com", "ex%41mple.com", "a_b.example", "a..b",
                    "-a-.example", "例え.テスト")));
    private static final Gen<String> PORT = Generate.pick(List.of("", "", ":", ":80", ":443", ":8080", ":0", ":65535",
            ":65536", ":+80", ":-5", ":99999999999", ":8o"));
    private static final Gen<String> SEGMENT = Generate.oneOf(
            strings().betweenCodePoints('a', 'z').ofLengthBetween(0, 6),
            strings().betweenCodePoints(0x20, 0x7E).ofLengthBetween(0, 4),
            strings().betweenCodePoints(0xA0, 0xD7FF).ofLengthBetween(1, 3),
            Generate.pick(List.of("..", ".", "%41", "%e2%82%ac", "%", "a%2Fb", "straße", "😀")));
    private static final Gen<String> PATH = lists().of(SEGMENT).ofSizeBetween(0, 4)
            .map(segments -> segments.isEmpty() ? "" : "/" + String.join("/", segments));
    private static final Gen<String> PARAM_NAME = Generate.oneOf(
            Generate.pick(List.of("utm_source", "UTM_Medium", "utm_", "fbclid", "GCLID", "id", "q", "page",
                    "%75tm_source", "utm%5Fcampaign", "Fb%43lid", "ref_src", "_hsenc")),
            strings().betweenCodePoints('a', 'z').ofLengthBetween(0, 5));
    private static final Gen<String> PARAM = PARAM_NAME.zip(
            Generate.pick(List.of("", "=", "=1", "=a%20b", "=x=y", "=é", "=%")), (name, value) -> name + value);
    private static final Gen<String> FRAGMENT = Generate.pick(List.of("", "", "#", "#top", "#a?b=c", "#é"));
    private static final Gen<Parts> PARTS = SCHEME.zip(HOST, PORT, PATH, lists().of(PARAM).ofSizeBetween(0, 4),
            (scheme, host, port, path, params) -> new Parts(scheme, "", host, port, path, params, ""))
            .zip(Generate.pick(List.of("", "", "", "user@", "user:pw@")), FRAGMENT,
                    (p, userInfo, fragment) -> new Parts(p.scheme(), userInfo, p.host(), p.port(), p.path(), p.params(),
                            fragment));

    /** Structured URLs, the same with one character inserted somewhere, and arbitrary text. */
    private static final Gen<String> ANY_TEXT = Generate.oneOf(
            PARTS.map(Parts::toString),
            PARTS.zip(integers().between(0, 200), strings().allPossible().ofLength(1),
                    (p, at, c) -> {
                        String s = p.toString();
                        int i = Math.min(at, s.length());
                        return s.substring(0, i) + c + s.substring(i);
                    }),
            strings().allPossible().ofLengthBetween(0, 30),
            strings().ascii().ofLengthBetween(0, 30).map(s -> "http://" + s),
            Generate.pick(List.of("", " ", "http://", "http:///x", "http:x", "//example.com/x", "mailto:a@b",
                    "javascript:alert(1)", "file:///etc/passwd", "http://[::1", "http://a b.com/")));

    /** The normalised URL, empty when it is refused; any other exception fails the property. */
    private Optional<String> normalised(String input) {
        try {
            return Optional.of(normalizer.normalize(input));
        } catch (InvalidUrlException e) {
            assertFalse(e.getMessage().isBlank());
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new AssertionError("normalize(\"" + input + "\") threw " + e, e);
        }
    }

    @Test
    void throwsNothingButInvalidUrlException() {
        theory().forAll(ANY_TEXT).checkAssert(this::normalised);
    }

    @Test
    void isIdempotent() {
        theory().forAll(ANY_TEXT).checkAssert(input -> normalised(input).ifPresent(once -> {
            String twice = normalised(once).orElseThrow(() -> new AssertionError(
                    "normalize(\"" + input + "\") = \"" + once + "\", which it then refuses"));
            assertEquals(once, twice, "not a fixed point; input \"" + input + "\"");
        }));
    }

    @Test
    void givesALowerCaseHttpUrlWithoutFragmentCredentialsOrTracking() {
        theory().forAll(ANY_TEXT).checkAssert(input -> normalised(input).ifPresent(url -> {
            String where = "normalize(\"" + input + "\") = \"" + url + "\"";
            assertTrue(url.chars().allMatch(c -> c > 0x20 && c < 0x7F), where + ": not printable ASCII");
            URI uri = parse(url, where);
            assertTrue(uri.getScheme().equals("http") || uri.getScheme().equals("https"), where);
            String authority = uri.getRawAuthority();
            assertTrue(authority != null && !authority.isEmpty(), where + ": no host");
            assertEquals(authority.toLowerCase(Locale.ROOT), authority, where + ": host not lower-case");
            assertFalse(authority.contains("@"), where + ": credentials");
            int colon = authority.lastIndexOf(':');
            if (colon > authority.lastIndexOf(']')) {
                String port = authority.substring(colon + 1);
                assertTrue(port.matches("[1-9][0-9]{0,4}") && Integer.parseInt(port) <= 65535, where + ": bad port");
            }
            assertTrue(uri.getRawFragment() == null && !url.contains("#"), where + ": fragment");
            assertFalse(uri.getRawPath().isEmpty(), where + ": empty path");
            for (String name : queryNames(uri.getRawQuery())) {
                assertFalse(name.startsWith("utm_") || TRACKING.contains(name), where + ": tracking parameter " + name);
            }
        }));
    }

    @Test
    void keepsThePathAndTheOtherParameters() {
        // For URLs it accepts, nothing moves between host, path and query (an internationalised host must not
        // become a path), and nothing but the host's case and script, tracking parameters and non-ASCII characters
        // (percent-encoded) change.
        theory().forAll(PARTS)
                .assuming(p -> p.host().indexOf('%') < 0 && p.path().chars().noneMatch(c -> c == '?' || c == '#'))
                .checkAssert(parts -> normalised(parts.toString()).ifPresent(url -> {
                    String where = "normalize(\"" + parts + "\") = \"" + url + "\"";
                    URI uri = parse(url, where);
                    String authority = uri.getRawAuthority();
                    if (parts.host().chars().allMatch(c -> c < 0x80)) {
                        String host = parts.host().toLowerCase(Locale.ROOT);
                        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
                        assertTrue(authority.equals(host) || authority.startsWith(host + ":"), where + ": host changed");
                    }
                    // White space around the whole URL is dropped, even when it ends the path.
                    String path = parts.params().isEmpty() && parts.fragment().isEmpty() ? parts.path().strip()
                            : parts.path();
                    assertEquals(path.isEmpty() ? "/" : encodeNonAscii(path), uri.getRawPath(), where + ": path changed");
                    var kept = new ArrayList<String>();
                    for (String param : parts.params()) {
                        String name = decode(param.split("=", 2)[0]).toLowerCase(Locale.ROOT);
                        if (!param.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
                            kept.add(encodeNonAscii(param));
                        }
                    }
                    assertEquals(kept.isEmpty() ? null : String.join("&", kept), uri.getRawQuery(),
                            where + ": query changed");
                }));
    }

    /** Inputs on which the properties above failed before the normaliser was fixed. */
    @ParameterizedTest
    @CsvSource({
        "'http://a/?&&%75tm_source', http://a/",
        "'http://a/x?utm%5Fcampaign=spring&id=7&Fb%43lid=1', http://a/x?id=7",
        "'http://a:+80/x', ",
        "'http://a:-5/x', ",
        "'http://a:0/x', ",
        "'http://x℀y.com/p', ",
        "'http://¡¡¨/', ",
    })
    void regressionsFoundByTheProperties(String input, String expected) {
        if (expected == null) {
            var e = assertThrows(InvalidUrlException.class, () -> normalizer.normalize(input), input);
            assertTrue(e.getMessage().contains("bad port") || e.getMessage().contains("bad host name"), e.getMessage());
        } else {
            assertEquals(expected, normalizer.normalize(input));
        }
    }

    private static URI parse(String url, String where) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return fail(where + ": the result is not a URI (" + e.getReason() + ")");
        }
    }

    /** Parameter names, percent-decoded and lower-cased: "%75tm_source" is utm_source to the server. */
    private static List<String> queryNames(String rawQuery) {
        var names = new ArrayList<String>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                names.add(decode(pair.split("=", 2)[0]).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** Percent-decodes as UTF-8, leaving a malformed escape as it is. */
    private static String decode(String s) {
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static String encodeNonAscii(String s) {
        var out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            out.append(c < 0x80 ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return out.toString();
    }
}
