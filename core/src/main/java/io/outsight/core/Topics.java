package io.outsight.core;

import java.util.List;

/** The Kafka topics between the stages; the only names any module uses for them. */
public final class Topics {
    /** URL requests; key = normalised URL. Anyone may produce here to feed URLs. */
    public static final String URLS = "outsight.urls";
    /** Raw articles; key = article id. Compacted: the replayable record of every page fetched. */
    public static final String ARTICLES_RAW = "outsight.articles.raw";
    /** Enriched articles; key = article id. */
    public static final String ARTICLES_ENRICHED = "outsight.articles.enriched";
    /** Dead letters: failed record, stage, reason, attempts; key = article id. */
    public static final String ARTICLES_DLQ = "outsight.articles.dlq";
    /** Fetch outcomes; key = normalised URL. Feeds the crawl-status view. */
    public static final String FETCH_STATUS = "outsight.fetch.status";

    /** Every topic, in pipeline order. */
    public static final List<String> ALL = List.of(URLS, ARTICLES_RAW, ARTICLES_ENRICHED, ARTICLES_DLQ, FETCH_STATUS);

    /** Topics whose latest value per key is all that matters, so Kafka may compact them. */
    public static final List<String> COMPACTED = List.of(ARTICLES_RAW);

    private Topics() {}
}
