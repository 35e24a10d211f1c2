package io.outsight.app.api;

import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.FigurePoints;
import io.outsight.index.search.SearchResults;
import io.outsight.index.search.StoredArticle;
import io.outsight.index.status.FetchStatusQuery;
import io.outsight.index.status.FetchStatusResults;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the API reads from Elasticsearch. Implementations must be thread-safe: handlers run concurrently. */
public interface ArticleStore {
    SearchResults search(ArticleQuery query) throws IOException;

    Optional<StoredArticle> article(String id) throws IOException;

    /**
     * The market figures matching the query's figure filters, each with its sentence and article, from the
     * articles the rest of the query selects. A store that keeps no figures answers none (the default).
     */
    default FigurePoints marketFigures(ArticleQuery query) throws IOException {
        return new FigurePoints(0, List.of());
    }

    /** Which of these article ids are indexed (searchable). */
    Set<String> indexedIds(Collection<String> ids) throws IOException;

    FetchStatusResults fetchStatuses(FetchStatusQuery query) throws IOException;

    /** Whether Elasticsearch answers, for the health check. */
    boolean reachable();
}
