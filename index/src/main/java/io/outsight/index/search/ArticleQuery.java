package io.outsight.index.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A search over articles: free text over title, description, headings and text, narrowed by filters, with facets.
 * Every list filter keeps articles matching any of its values (case-insensitive); different filters all apply. The
 * figure filters apply to one and the same market figure: kind market_size, segment BPO and year 2026 finds an
 * article that states the BPO market size for 2026, not one that merely mentions each somewhere.
 *
 * @param text free text; blank matches every article
 * @param outsourcingTypes codes such as BPO, KPO
 * @param countries ISO 3166-1 alpha-2 codes
 * @param regions region codes such as APAC
 * @param organizations organisation names, as tagged
 * @param people person names, as tagged
 * @param publishedFrom first day of publication to keep (inclusive), or null
 * @param publishedTo last day of publication to keep (inclusive), or null
 * @param figureKinds market figure kinds (market_size, growth_rate, …)
 * @param figureSegments market figure segments (outsourcing type codes)
 * @param figureYearFrom first year a market figure is about (inclusive), or null
 * @param figureYearTo last year a market figure is about (inclusive), or null
 * @param facets the aggregations to return
 * @param from how many hits to skip (paging)
 * @param size how many hits to return
 * @param unique count stories, not copies: keep only the canonical article of each cluster of syndicated copies
 *     (articles without {@code duplicate_of}), so hits, totals and facets count each story once
 */
public record ArticleQuery(
        String text,
        List<String> outsourcingTypes,
        List<String> countries,
        List<String> regions,
        List<String> organizations,
        List<String> people,
        @Nullable LocalDate publishedFrom,
        @Nullable LocalDate publishedTo,
        List<String> figureKinds,
        List<String> figureSegments,
        @Nullable Integer figureYearFrom,
        @Nullable Integer figureYearTo,
        Set<Facet> facets,
        int from,
        int size,
        boolean unique) {

    public ArticleQuery {
        Objects.requireNonNull(text, "text");
        outsourcingTypes = clean(outsourcingTypes);
        countries = clean(countries);
        regions = clean(regions);
        organizations = clean(organizations);
        people = clean(people);
        figureKinds = clean(figureKinds);
        figureSegments = clean(figureSegments);
        facets = facets.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(facets));
        if (size < 0 || from < 0 || from + size > 10_000) {
            throw new IllegalArgumentException("from and size must be >= 0 with from + size <= 10000, were " + from
                    + " and " + size);
        }
        if (publishedFrom != null && publishedTo != null && publishedFrom.isAfter(publishedTo)) {
            throw new IllegalArgumentException("publication range is empty: " + publishedFrom + " is after "
                    + publishedTo);
        }
        if (figureYearFrom != null && figureYearTo != null && figureYearFrom > figureYearTo) {
            throw new IllegalArgumentException("figure year range is empty: " + figureYearFrom + " > " + figureYearTo);
        }
    }

    /** The first 10 articles matching the words, without filters or facets. */
    public static ArticleQuery text(String text) {
        return builder().text(text).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether any of the figure filters is set. */
    public boolean filtersFigures() {
        return !figureKinds.isEmpty() || !figureSegments.isEmpty() || figureYearFrom != null || figureYearTo != null;
    }

    private static List<String> clean(@Nullable List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }

    /** Builds queries field by field; not thread-safe. */
    public static final class Builder {
        private String text = "";
        private final List<String> outsourcingTypes = new ArrayList<>();
        private final List<String> countries = new ArrayList<>();
        private final List<String> regions = new ArrayList<>();
        private final List<String> organizations = new ArrayList<>();
        private final List<String> people = new ArrayList<>();
        private @Nullable LocalDate publishedFrom;
        private @Nullable LocalDate publishedTo;
        private final List<String> figureKinds = new ArrayList<>();
        private final List<String> figureSegments = new ArrayList<>();
        private @Nullable Integer figureYearFrom;
        private @Nullable Integer figureYearTo;
        private final Set<Facet> facets = EnumSet.noneOf(Facet.class);
        private int from;
        private int size = 10;
        private boolean unique;

        private Builder() {}

        public Builder text(String value) {
            text = Objects.requireNonNull(value, "text");
            return this;
        }

        public Builder outsourcingTypes(Collection<String> values) {
            outsourcingTypes.addAll(values);
            return this;
        }

        public Builder countries(Collection<String> values) {
            countries.addAll(values);
            return this;
        }

        public Builder regions(Collection<String> values) {
            regions.addAll(values);
            return this;
        }

        public Builder organizations(Collection<String> values) {
            organizations.addAll(values);
            return this;
        }

        public Builder people(Collection<String> values) {
            people.addAll(values);
            return this;
        }

        public Builder published(@Nullable LocalDate fromDay, @Nullable LocalDate toDay) {
            publishedFrom = fromDay;
            publishedTo = toDay;
            return this;
        }

        public Builder figureKinds(Collection<String> values) {
            figureKinds.addAll(values);
            return this;
        }

        public Builder figureSegments(Collection<String> values) {
            figureSegments.addAll(values);
            return this;
        }

        public Builder figureYears(@Nullable Integer fromYear, @Nullable Integer toYear) {
            figureYearFrom = fromYear;
            figureYearTo = toYear;
            return this;
        }

        public Builder facets(Collection<Facet> values) {
            facets.addAll(values);
            return this;
        }

        public Builder from(int value) {
            from = value;
            return this;
        }

        public Builder size(int value) {
            size = value;
            return this;
        }

        /** Count stories, not copies (see {@link ArticleQuery#unique()}). */
        public Builder unique(boolean value) {
            unique = value;
            return this;
        }

        public ArticleQuery build() {
            return new ArticleQuery(text, outsourcingTypes, countries, regions, organizations, people, publishedFrom,
                    publishedTo, figureKinds, figureSegments, figureYearFrom, figureYearTo, facets, from, size,
                    unique);
        }
    }
}
