package io.outsight.app.api;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.outsight.core.json.RecordCodec;
import io.outsight.index.search.ArticleQuery;
import io.outsight.index.search.ArticleSearch;
import io.outsight.index.search.FigurePoints;
import io.outsight.index.search.MarketFigureSearch;
import io.outsight.index.search.SearchResults;
import io.outsight.index.search.StoredArticle;
import io.outsight.index.status.FetchStatusQuery;
import io.outsight.index.status.FetchStatusResults;
import io.outsight.index.status.FetchStatusSearch;
import java.io.IOException;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The articles and fetch statuses in Elasticsearch, through the index module's searches. Thread-safe. */
public final class ElasticsearchArticleStore implements ArticleStore {
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchArticleStore.class);
    private final ElasticsearchClient es;
    private final String alias;
    private final ArticleSearch articles;
    private final MarketFigureSearch figures;
    private final FetchStatusSearch statuses;

    /**
     * @param alias the article alias (index.alias)
     * @param statusIndex the fetch-status index (index.fetch-status-index)
     */
    public ElasticsearchArticleStore(ElasticsearchClient es, String alias, String statusIndex) {
        this.es = Objects.requireNonNull(es, "es");
        this.alias = Objects.requireNonNull(alias, "alias");
        articles = new ArticleSearch(es, alias);
        figures = new MarketFigureSearch(es, alias);
        statuses = new FetchStatusSearch(es, statusIndex, new RecordCodec());
    }

    @Override
    public SearchResults search(ArticleQuery query) throws IOException {
        return articles.search(query);
    }

    @Override
    public Optional<StoredArticle> article(String id) throws IOException {
        return articles.article(id);
    }

    @Override
    public FigurePoints marketFigures(ArticleQuery query) throws IOException {
        return figures.search(query);
    }

    @Override
    public Set<String> indexedIds(Collection<String> ids) throws IOException {
        return Set.copyOf(articles.byIds(ids).keySet());
    }

    @Override
    public FetchStatusResults fetchStatuses(FetchStatusQuery query) throws IOException {
        return statuses.search(query);
    }

    @Override
    public boolean reachable() {
        // Not ping (HEAD /): it needs the cluster monitor privilege, which the pipeline's user may lack; asking
        // whether the alias exists needs only what searches need, and answers either way when Elasticsearch is up.
        try {
            es.indices().exists(e -> e.index(alias));
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("Elasticsearch health check failed: {}", e.toString());
            return false;
        }
    }
}
