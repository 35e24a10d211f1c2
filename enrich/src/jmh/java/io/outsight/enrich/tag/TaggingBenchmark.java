package io.outsight.enrich.tag;

import io.outsight.core.jmh.CpuTime;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of enriching an article against bare OpenNLP on the same text, single-threaded and in the same run:
 * {@link #tagArticle} is {@link ArticleTagger#tag} with the bundled models and taxonomy (as the enrich stage runs
 * it); {@link #sentencesAndTokens} is a plain {@link SentenceDetectorME} over the article text and a plain
 * {@link TokenizerME} over each sentence, with the same English models and nothing else (no abbreviation list, no
 * line blocks, no POS). Each call handles the next article (round robin, so every article counts alike); the
 * articles come from {@link BenchmarkArticles}. Run with {@code ./mvnw -B -pl enrich -am -Pjmh -DskipTests test}
 * from the repository root; {@link TaggingBenchmarkMain} prints the ratio at the end. {@link CpuTime} adds the CPU
 * time per call, which the load of the shared machine disturbs less than the wall-clock score; and
 * {@link #pairedTagAndBare} does both on each article in turn, for a ratio taken under the same load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TaggingBenchmark {

    /** The tagging development set, relative to the module folder (where the profile runs the benchmark). */
    static final String DEFAULT_DEV_SET = "../eval/tagging/dev.json";
    /** Minimum article length in characters: about 500 words, a typical trade-news article. */
    static final String DEFAULT_ARTICLE_CHARS = "3000";

    @Param(DEFAULT_DEV_SET)
    public String devSet;

    @Param(DEFAULT_ARTICLE_CHARS)
    public int articleChars;

    /**
     * The extraction development set's ground truth (real web pages' main texts, third-party data read in place),
     * relative to the module folder; {@link #pairedRealArticles} does nothing when it is absent.
     */
    static final String DEFAULT_REAL_ARTICLES = "../../shared/data/extraction-dev/ground-truth.json";

    @Param(DEFAULT_REAL_ARTICLES)
    public String realArticles;

    private BenchmarkArticles.Article[] articles;
    private BenchmarkArticles.Article[] real;
    private ArticleTagger tagger;
    private SentenceDetectorME sentences;
    private TokenizerME tokenizer;

    /** Per-thread position in the article list. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup
    public void load() throws IOException {
        articles = BenchmarkArticles.fromDevSet(Path.of(devSet), articleChars).articles()
                .toArray(BenchmarkArticles.Article[]::new);
        real = BenchmarkArticles.fromExtractionDev(Path.of(realArticles)).articles()
                .toArray(BenchmarkArticles.Article[]::new);
        if (real.length == 0) {
            System.out.println("# No real articles at " + Path.of(realArticles).toAbsolutePath().normalize()
                    + " (shared/data/extraction-dev): pairedRealArticles measures nothing");
        }
        tagger = ArticleTagger.loadDefault();
        // The models as infra.md (section 3) loads them from the model jars; the *ME instances are not thread-safe,
        // which is fine here: these benchmarks run on one thread.
        try (InputStream in = open("/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin")) {
            sentences = new SentenceDetectorME(new SentenceModel(in));
        }
        try (InputStream in = open("/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin")) {
            tokenizer = new TokenizerME(new TokenizerModel(in));
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = TaggingBenchmark.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("classpath resource " + resource + " not found");
        }
        return new BufferedInputStream(in);
    }

    /** The articles the benchmark uses (for the printout of {@link TaggingBenchmarkMain}). */
    BenchmarkArticles.Article[] articles() {
        return articles;
    }

    /** Enriching one article: tags, entities, market figures and relevance. */
    @Benchmark
    public TaggingResult tagArticle(Cursor cursor, CpuTime cpu) {
        BenchmarkArticles.Article article = articles[cursor.next++ % articles.length];
        long start = cpu.start();
        TaggingResult result = tagger.tag(article.title(), article.text());
        cpu.stop(start);
        return result;
    }

    /** Bare OpenNLP on the same article text: sentence spans, then token spans of each sentence. */
    @Benchmark
    public void sentencesAndTokens(Cursor cursor, CpuTime cpu, Blackhole blackhole) {
        String text = articles[cursor.next++ % articles.length].text();
        long start = cpu.start();
        bare(text, blackhole);
        cpu.stop(start);
    }

    private void bare(String text, Blackhole blackhole) {
        for (Span sentence : sentences.sentPosDetect(text)) {
            blackhole.consume(tokenizer.tokenizePos(text.substring(sentence.getStart(), sentence.getEnd())));
        }
    }

    /**
     * Both workloads on the same article in one call, in alternating order, with the CPU time of each summed apart
     * ({@link PairedCpuTime}): their ratio is measured under the same load, which on a shared machine can change
     * several times over between two benchmarks run minutes apart. The score (time per call) is that of both.
     */
    @Benchmark
    public void pairedTagAndBare(Cursor cursor, PairedCpuTime cpu, Blackhole blackhole) {
        paired(articles, cursor, cpu, blackhole);
    }

    /**
     * {@link #pairedTagAndBare} on typical real web articles (the English main texts of
     * {@link BenchmarkArticles#fromExtractionDev}), next to the dense articles of the development set; nothing when
     * that data is absent.
     */
    @Benchmark
    public void pairedRealArticles(Cursor cursor, PairedCpuTime cpu, Blackhole blackhole) {
        if (real.length > 0) {
            paired(real, cursor, cpu, blackhole);
        }
    }

    private void paired(BenchmarkArticles.Article[] set, Cursor cursor, PairedCpuTime cpu, Blackhole blackhole) {
        int n = cursor.next++;
        BenchmarkArticles.Article article = set[n % set.length];
        if ((n & 1) == 0) {
            long t0 = cpu.now();
            blackhole.consume(tagger.tag(article.title(), article.text()));
            long t1 = cpu.now();
            bare(article.text(), blackhole);
            long t2 = cpu.now();
            cpu.tagNanos += t1 - t0;
            cpu.bareNanos += t2 - t1;
        } else {
            long t0 = cpu.now();
            bare(article.text(), blackhole);
            long t1 = cpu.now();
            blackhole.consume(tagger.tag(article.title(), article.text()));
            long t2 = cpu.now();
            cpu.bareNanos += t1 - t0;
            cpu.tagNanos += t2 - t1;
        }
        cpu.pairs++;
    }
}
