package io.outsight.app.fault;

import io.outsight.app.bench.ArticleGenerator;
import io.outsight.app.bench.GeneratedPage;
import io.outsight.core.Topics;
import io.outsight.core.id.ArticleIds;
import io.outsight.core.json.RecordCodec;
import io.outsight.core.kafka.KafkaClients;
import io.outsight.core.record.RawArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Raw articles for a fault test, made from the benchmark's generated pages (realistic lengths, figures, countries)
 * under a host of the test's own, so that their ids belong to that test alone.
 */
final class FaultArticles {
    /** The articles of one ordinary fault test; the burst test sends ten times as many. */
    static final int NORMAL_RUN = 100;
    /** Articles a {@link PacedFeed} produces at a time, and how far ahead of the stages it may run. */
    static final int SLICE = 10;
    static final int BACKLOG = 20;

    private static final RecordCodec CODEC = new RecordCodec();

    private FaultArticles() {}

    /** {@code count} raw articles as the ingest stage would produce them for pages of {@code http://<site>.test/}. */
    static List<RawArticle> generate(String site, int count) {
        var generator = new ArticleGenerator(ArticleGenerator.DEFAULT_SEED);
        var articles = new ArrayList<RawArticle>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            GeneratedPage page = generator.page(i);
            String url = "http://" + site + ".test/" + i + "/" + page.path();
            String text = String.join("\n\n", page.paragraphs());
            articles.add(new RawArticle(ArticleIds.of(url), url, url, url, now, 200, "text/html; charset=utf-8",
                    null, null, page.title(), List.of(), null, null, site, null, "en", text, List.of(),
                    ArticleIds.contentHash(text), "fault-test"));
        }
        return articles;
    }

    static Set<String> ids(List<RawArticle> articles) {
        var ids = new LinkedHashSet<String>();
        articles.forEach(a -> ids.add(a.id()));
        return ids;
    }

    /** Produces the articles to the raw topic and waits until Kafka acknowledged every one. */
    static void produce(Producer<String, byte[]> producer, List<RawArticle> articles) throws Exception {
        var sends = new ArrayList<Future<RecordMetadata>>(articles.size());
        for (RawArticle article : articles) {
            sends.add(producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW, article.id(), CODEC.encode(article))));
        }
        producer.flush();
        for (var send : sends) {
            send.get(120, TimeUnit.SECONDS);
        }
    }

    /** Produces the articles with a producer of its own (see {@link #produce(Producer, List)}). */
    static void produce(String bootstrapServers, List<RawArticle> articles) throws Exception {
        try (var producer = new KafkaClients(bootstrapServers).producer("fault-test-feed")) {
            produce(producer, articles);
        }
    }
}
