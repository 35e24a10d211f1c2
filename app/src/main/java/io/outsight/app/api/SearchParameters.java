package io.outsight.app.api;

import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.Facet;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns the query string of {@code GET /search} and {@code GET /facets} into an {@link ArticleQuery}. List filters
 * may repeat ({@code type=BPO&type=KPO}) or hold commas ({@code type=BPO,KPO}). An unknown parameter is an error, so
 * a typo does not silently return everything. Stateless.
 */
final class SearchParameters {
    static final Set<String> NAMES = Set.of("q", "type", "country", "region", "organization", "person",
            "published-from", "published-to", "figure-kind", "figure-segment", "figure-year-from", "figure-year-to",
            "facet", "from", "size", "unique");

    /** The parameters of {@code GET /market-figures}: the search's, less the facets (it returns figures). */
    static final Set<String> FIGURE_NAMES = without(NAMES, "facet");

    /** The figure kind {@code GET /market-figures} reads when no {@code figure-kind} is given. */
    static final String DEFAULT_FIGURE_KIND = "market_size";

    private SearchParameters() {}

    private static Set<String> without(Set<String> names, String name) {
        var copy = new TreeSet<>(names);
        copy.remove(name);
        return Set.copyOf(copy);
    }

    /**
     * The query of {@code GET /market-figures}: the search's filters, with figures of kind {@value
     * #DEFAULT_FIGURE_KIND} unless {@code figure-kind} says otherwise; {@code size} counts articles.
     *
     * @throws IllegalArgumentException with a message for the client when a parameter is unknown or malformed
     */
    static ArticleQuery parseFigures(Map<String, List<String>> params, int defaultSize) {
        var unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(FIGURE_NAMES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown filter(s) " + unknown + "; known: "
                    + new TreeSet<>(FIGURE_NAMES));
        }
        var withKind = new HashMap<>(params);
        if (list(params, "figure-kind").isEmpty()) {
            withKind.put("figure-kind", List.of(DEFAULT_FIGURE_KIND));
        }
        return parse(withKind, Set.of(), defaultSize);
    }

    /**
     * @param defaultFacets the facets when no {@code facet} parameter is given
     * @throws IllegalArgumentException with a message for the client when a parameter is unknown or malformed
     */
    static ArticleQuery parse(Map<String, List<String>> params, Set<Facet> defaultFacets, int defaultSize) {
        var unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(NAMES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown filter(s) " + unknown + "; known: " + new TreeSet<>(NAMES));
        }
        var b = ArticleQuery.builder()
                .text(String.join(" ", params.getOrDefault("q", List.of())))
                .outsourcingTypes(list(params, "type"))
                .countries(list(params, "country"))
                .regions(list(params, "region"))
                .organizations(list(params, "organization"))
                .people(list(params, "person"))
                .published(day(params, "published-from"), day(params, "published-to"))
                .figureKinds(list(params, "figure-kind"))
                .figureSegments(list(params, "figure-segment"))
                .figureYears(integer(params, "figure-year-from"), integer(params, "figure-year-to"))
                .unique(bool(params, "unique"));
        List<String> facetNames = list(params, "facet");
        Set<Facet> facets = EnumSet.noneOf(Facet.class);
        if (!params.containsKey("facet")) {
            facets.addAll(defaultFacets);
        }
        for (String name : facetNames) {
            facets.add(Facet.fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown facet '"
                    + name + "'; known: " + Arrays.stream(Facet.values()).map(Facet::wireName).toList())));
        }
        Integer from = integer(params, "from");
        Integer size = integer(params, "size");
        return b.facets(facets).from(from == null ? 0 : from).size(size == null ? defaultSize : size).build();
    }

    static List<String> list(Map<String, List<String>> params, String name) {
        var out = new ArrayList<String>();
        for (String value : params.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    static @Nullable String single(Map<String, List<String>> params, String name) {
        List<String> values = params.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new IllegalArgumentException("'" + name + "' given " + values.size() + " times; give it once");
        }
        return values.isEmpty() || values.getFirst().isBlank() ? null : values.getFirst().strip();
    }

    /** {@code true}/{@code 1}/{@code yes} or {@code false}/{@code 0}/{@code no}; absent or blank is false. */
    static boolean bool(Map<String, List<String>> params, String name) {
        String value = single(params, name);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException("'" + name + "' must be true or false, was '" + value + "'");
        };
    }

    static @Nullable Integer integer(Map<String, List<String>> params, String name) {
        String value = single(params, name);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be an integer, was '" + value + "'");
        }
    }

    private static @Nullable LocalDate day(Map<String, List<String>> params, String name) {
        String value = single(params, name);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be a day such as 2026-01-31, was '" + value + "'");
        }
    }
}
