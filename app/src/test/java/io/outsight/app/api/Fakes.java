package io.outsight.app.api;

import io.outsight.core.record.UrlRequest;
import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.SearchResults;
import io.outsight.index.search.StoredArticle;
import io.outsight.index.status.FetchStatusQuery;
import io.outsight.index.status.FetchStatusResults;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Plain in-memory implementations of the API's two ports, recording what they were asked. */
final class Fakes {
    private Fakes() {}

    static final class Store implements ArticleStore {
        final List<ArticleQuery> queries = new CopyOnWriteArrayList<>();
        final List<FetchStatusQuery> statusQueries = new CopyOnWriteArrayList<>();
        final Map<String, StoredArticle> articles = new HashMap<>();
        final Set<String> indexed = new HashSet<>();
        volatile boolean reachable = true;
        SearchResults results = new SearchResults(0, List.of());

        @Override
        public SearchResults search(ArticleQuery query) {
            queries.add(query);
            return results;
        }

        @Override
        public Optional<StoredArticle> article(String id) {
            return Optional.ofNullable(articles.get(id));
        }

        @Override
        public synchronized Set<String> indexedIds(Collection<String> ids) {
            var out = new HashSet<>(ids);
            out.retainAll(indexed);
            return out;
        }

        @Override
        public FetchStatusResults fetchStatuses(FetchStatusQuery query) {
            statusQueries.add(query);
            return new FetchStatusResults(0, List.of(), Map.of(), Map.of());
        }

        @Override
        public boolean reachable() {
            return reachable;
        }
    }

    static final class Sink implements UrlSink {
        final List<UrlRequest> submitted = new CopyOnWriteArrayList<>();
        volatile boolean reachable = true;

        @Override
        public void submit(List<UrlRequest> requests) {
            submitted.addAll(new ArrayList<>(requests));
        }

        @Override
        public boolean reachable() {
            return reachable;
        }
    }
}
