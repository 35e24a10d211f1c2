package io.outsight.index.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The aggregations a search can return next to its hits. */
public enum Facet {
    /** Articles per outsourcing type code. */
    TYPES("tags.outsourcing_types"),
    COUNTRIES("tags.countries"),
    REGIONS("tags.regions"),
    ORGANIZATIONS("tags.organizations"),
    PEOPLE("tags.people"),
    SOURCING_MODELS("tags.sourcing_models"),
    /** Articles per month of publication. */
    PUBLISHED("published_at"),
    /** Articles per outsourcing type, then per month of publication within each type (a time series per type). */
    TYPES_BY_MONTH("tags.outsourcing_types"),
    /** Market figures per kind (market_size, growth_rate, …), counted per figure. */
    FIGURE_KINDS("market_figures.kind"),
    /** Market-size figures per segment, then per year, with statistics of their values. */
    MARKET_SIZE("market_figures.value");

    private final String field;

    Facet(String field) {
        this.field = field;
    }

    /** The indexed field the facet aggregates. */
    public String field() {
        return field;
    }

    /** The name used on the command line, in the HTTP API and in JSON: {@code types}, {@code market-size}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Facet> fromWireName(String name) {
        String normalized = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(f -> f.wireName().equals(normalized)).findFirst();
    }
}
