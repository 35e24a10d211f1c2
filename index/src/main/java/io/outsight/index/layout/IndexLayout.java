package io.outsight.index.layout;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The article index layout: an index template for {@code <alias>-v*}, and the alias pointing at one versioned
 * index ({@code <alias>-v1} on first start). Writes and searches go through the alias, so a new version can be built
 * beside the current one and swapped in atomically ({@link #swapAlias}).
 *
 * <p>{@link #ensure()} installs or upgrades the template on every start, and brings the indices behind the alias as
 * close to it as Elasticsearch allows: it compares each index's live mapping with the template's
 * ({@link MappingDiff}) and puts only the fields the index lacks, so a field added to the template is searchable
 * without a rebuild even when another field changed in a way Elasticsearch cannot apply in place (a new type, new
 * {@code doc_values}). Those fields are left as they are and named in one warning per index: they need
 * {@code outsight reprocess}.
 *
 * <p>Stateless apart from the client: thread-safe, and safe to call from several workers at once.
 */
public final class IndexLayout {
    public static final String TEMPLATE_RESOURCE = "articles-template.json";
    private static final Logger log = LoggerFactory.getLogger(IndexLayout.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What to do about fields an index version keeps defined otherwise. */
    static final String REMEDY = "Run 'outsight reprocess' to build a new index version with the current template and "
            + "move the alias to it";

    private final ElasticsearchClient es;
    private final String alias;
    private final Pattern versionPattern;

    public IndexLayout(ElasticsearchClient es, String alias) {
        this.es = Objects.requireNonNull(es, "es");
        this.alias = Objects.requireNonNull(alias, "alias");
        this.versionPattern = Pattern.compile(Pattern.quote(alias) + "-v([1-9][0-9]{0,8})");
    }

    public String alias() {
        return alias;
    }

    /** The name of version {@code n} of the index. */
    public String versionedIndex(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("index versions start at 1, got " + n);
        }
        return alias + "-v" + n;
    }

    /** The version number of a versioned index name of this layout, if it is one. */
    public Optional<Integer> versionOf(String index) {
        var matcher = versionPattern.matcher(index);
        return matcher.matches() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    public String templateName() {
        return alias + "-template";
    }

    /**
     * Installs or upgrades the template, creates the first versioned index behind the alias if there is none, and
     * otherwise adds to the indices the alias points at what their mappings lack ({@link #upgradeMappings()}).
     *
     * @return what was done to the mapping of each index that was already behind the alias (empty on first start)
     */
    public List<MappingUpgrade> ensure() throws IOException {
        installTemplate();
        if (es.indices().existsAlias(a -> a.name(alias)).value()) {
            return upgradeMappings();
        }
        String first = versionedIndex(1);
        try {
            es.indices().create(c -> c.index(first).aliases(alias, a -> a.isWriteIndex(true)));
            log.info("created index {} behind alias {}", first, alias);
        } catch (ElasticsearchException e) {
            // Another worker created it first.
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
        return List.of();
    }

    /** Puts the index template (the mappings every new version gets). */
    public void installTemplate() throws IOException {
        // The template's pattern follows the alias, so a custom index.alias gets its own template.
        String body = templateJson().replace("\"outsight-articles-v*\"", "\"" + alias + "-v*\"");
        es.indices().putIndexTemplate(t -> t.name(templateName()).withJson(new StringReader(body)));
    }

    /**
     * Compares the live mapping of each index behind the alias with the template's and puts what it lacks: the
     * missing fields in one put-mapping, then the updatable parameters that changed in another, so that a refused
     * update never holds back an addition. Fields defined otherwise are left alone and named in one warning per
     * index. Idempotent: an index that matches the template gets no request but the GET.
     */
    public List<MappingUpgrade> upgradeMappings() throws IOException {
        JsonNode template = templateMappings();
        var upgrades = new ArrayList<MappingUpgrade>();
        var upgrader = new MappingUpgrader(es, REMEDY);
        for (String index : indicesBehindAlias()) {
            upgrades.add(upgrader.upgrade(index, template));
        }
        return upgrades;
    }

    /** The indices the alias points at (one, except during a manual change), sorted by name. */
    public List<String> indicesBehindAlias() throws IOException {
        if (!es.indices().existsAlias(a -> a.name(alias)).value()) {
            return List.of();
        }
        return es.indices().getAlias(a -> a.name(alias)).aliases().keySet().stream().sorted().toList();
    }

    /** The index writes go to: the alias's write index, or its only index. */
    public Optional<String> currentIndex() throws IOException {
        if (!es.indices().existsAlias(a -> a.name(alias)).value()) {
            return Optional.empty();
        }
        var aliases = es.indices().getAlias(a -> a.name(alias)).aliases();
        for (var entry : aliases.entrySet()) {
            var definition = entry.getValue().aliases().get(alias);
            if (definition != null && Boolean.TRUE.equals(definition.isWriteIndex())) {
                return Optional.of(entry.getKey());
            }
        }
        return aliases.size() == 1 ? Optional.of(aliases.keySet().iterator().next()) : Optional.empty();
    }

    /** Every existing versioned index of this layout, oldest version first. */
    public List<String> versionedIndices() throws IOException {
        var names = new ArrayList<String>();
        var response = es.indices().get(g -> g.index(alias + "-v*").allowNoIndices(true));
        for (String name : response.indices().keySet()) {
            if (versionOf(name).isPresent()) {
                names.add(name);
            }
        }
        names.sort(Comparator.comparingInt(name -> versionOf(name).orElseThrow()));
        return names;
    }

    /** The version after the newest existing one (1 when there is none). */
    public int nextVersion() throws IOException {
        var existing = versionedIndices();
        return existing.isEmpty() ? 1 : versionOf(existing.getLast()).orElseThrow() + 1;
    }

    /** Creates an index from the template, not behind the alias yet. */
    public void createVersion(String index) throws IOException {
        Objects.requireNonNull(index, "index");
        if (versionOf(index).isEmpty()) {
            throw new IllegalArgumentException(index + " is not a versioned index of " + alias);
        }
        installTemplate();
        es.indices().create(c -> c.index(index));
        log.info("created index {} (not behind {} yet)", index, alias);
    }

    /**
     * Points the alias at {@code index} alone, in one atomic alias update: a search sees either the old index or
     * the new one, never none and never both.
     */
    public void swapAlias(String index) throws IOException {
        Objects.requireNonNull(index, "index");
        List<String> previous = indicesBehindAlias();
        es.indices().updateAliases(u -> {
            for (String old : previous) {
                if (!old.equals(index)) {
                    u.actions(a -> a.remove(r -> r.index(old).alias(alias)));
                }
            }
            return u.actions(a -> a.add(add -> add.index(index).alias(alias).isWriteIndex(true)));
        });
        log.info("alias {} now points at {} (was {})", alias, index, previous);
    }

    /** The template as installed (before the alias is substituted into its pattern), for tests and docs. */
    public static String templateJson() {
        try (InputStream in = IndexLayout.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            return new String(Objects.requireNonNull(in, TEMPLATE_RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template's mappings section. */
    static JsonNode templateMappings() {
        try {
            return JSON.readTree(templateJson()).path("template").path("mappings");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
