package io.outsight.app.api;

import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.SearchResults;
import io.outsight.index.search.StoredArticle;
import io.outsight.index.status.FetchStatusQuery;
import io.outsight.index.status.FetchStatusResults;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** What the API reads from Elasticsearch. Implementations must be thread-safe: handlers run concurrently. */
public interface ArticleStore {
    SearchResults search(ArticleQuery query) throws IOException;

    Optional<StoredArticle> article(String id) throws IOException;

    /** Which of these article ids are indexed (searchable). */
    Set<String> indexedIds(Collection<String> ids) throws IOException;

    FetchStatusResults fetchStatuses(FetchStatusQuery query) throws IOException;

    /** Whether Elasticsearch answers, for the health check. */
    boolean reachable();
}
