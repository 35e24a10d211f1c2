package io.outsight.enrich.tag;

import io.outsight.core.record.Entity;
import io.outsight.core.record.MarketFigure;
import io.outsight.core.record.Tags;
import io.outsight.enrich.figures.FigureLinker;
import io.outsight.enrich.nlp.AnalyzedText;
import io.outsight.enrich.nlp.NlpModels;
import io.outsight.enrich.nlp.NlpPipeline;
import io.outsight.enrich.nlp.Sentence;
import io.outsight.enrich.relevance.RelevanceScorer;
import io.outsight.enrich.taxonomy.Taxonomy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one entry point of the taggers: turns an article's title and text into tags, entities, market figures and a
 * relevance score.
 *
 * <p>Built once ({@link #loadDefault()} loads the bundled OpenNLP models, taxonomy and name-finder model, which takes
 * a second or two) and shared: thread-safe. The models and data are immutable; the OpenNLP {@code *ME} instances,
 * which are not thread-safe, are held per thread.
 *
 * <p>Entity offsets are character offsets into {@code text}; mentions in the title count for the tags and the
 * relevance but are not reported as entities.
 */
public final class ArticleTagger {
    private final NlpPipeline nlp;
    private final OutsourcingTypeTagger types;
    private final DictionaryTagger sourcingModels;
    private final CountryTagger countries;
    private final DictionaryTagger regions;
    private final OrganizationTagger organizations;
    private final PersonTagger people;
    private final @Nullable NameModel nameModel;
    private final FigureLinker figures;
    private final RelevanceScorer relevance;

    ArticleTagger(NlpPipeline nlp, Taxonomy taxonomy, @Nullable NameModel nameModel) {
        this.nlp = Objects.requireNonNull(nlp, "nlp");
        Objects.requireNonNull(taxonomy, "taxonomy");
        this.types = new OutsourcingTypeTagger(taxonomy.outsourcingTypes());
        this.sourcingModels = new DictionaryTagger(EntityTypes.SOURCING_MODEL, taxonomy.sourcingModels());
        this.countries = new CountryTagger(taxonomy.countries());
        this.regions = new DictionaryTagger(EntityTypes.REGION, taxonomy.regions());
        this.organizations = new OrganizationTagger(taxonomy.organizations());
        this.people = new PersonTagger(taxonomy.people(), taxonomy.organizations(), organizations.rules());
        this.nameModel = nameModel;
        this.figures = new FigureLinker();
        this.relevance = new RelevanceScorer(taxonomy.relevance());
    }

    /** The bundled models, taxonomy and name-finder model. */
    public static ArticleTagger loadDefault() {
        return new ArticleTagger(new NlpPipeline(NlpModels.loadDefault()), Taxonomy.loadDefault(), NameModel.loadDefault());
    }

    /**
     * Like {@link #loadDefault()}, with the term files taken from a folder where it holds edited copies (see
     * docs/taxonomy.md); a bad file fails here with every problem listed ({@link io.outsight.enrich.taxonomy.TaxonomyException}).
     */
    public static ArticleTagger load(Path taxonomyFolder) {
        Objects.requireNonNull(taxonomyFolder, "taxonomyFolder");
        return new ArticleTagger(new NlpPipeline(NlpModels.loadDefault()), Taxonomy.load(taxonomyFolder), NameModel.loadDefault());
    }

    /** Without the statistical name finder: gazetteers and rules only (for tests and comparisons). */
    public static ArticleTagger withoutNameModel(Taxonomy taxonomy) {
        return new ArticleTagger(new NlpPipeline(NlpModels.loadDefault()), taxonomy, null);
    }

    /**
     * Tags one article. Never throws on any text.
     *
     * @param title the title, or null or empty when there is none
     * @param text the main text; entity and figure offsets point into it
     */
    public TaggingResult tag(@Nullable String title, String text) {
        Objects.requireNonNull(text, "text");
        String t = title == null ? "" : title;
        // No parts of speech here: the one rule that reads them has a few words tagged on demand (see Section).
        AnalyzedText body = nlp.analyze(text, false);
        AnalyzedText head = new AnalyzedText(t, t.isBlank() ? List.of() : List.of(new Sentence(0, 0, t.length(), 0, 0)), List.of());
        TaggingDocument doc = new TaggingDocument(new Section(head, true), new Section(body, false, nlp));

        List<Mention> all = new ArrayList<>();
        all.addAll(tagSection(doc, doc.title()));
        all.addAll(tagSection(doc, doc.body()));
        MentionResolver.Resolved resolved = MentionResolver.resolve(all);

        List<Entity> entities = new ArrayList<>();
        List<Entity> titleEntities = new ArrayList<>();
        for (Mention m : resolved.kept()) {
            if (m.inTitle()) {
                titleEntities.add(m.toEntity(t, 0));
            } else {
                entities.add(m.toEntity(text, body.sentenceIndexAt(m.start())));
            }
        }
        Tags tags = tags(resolved);
        List<MarketFigure> marketFigures = figures.link(body, entities);
        long providers = resolved.kept().stream().filter(m -> "provider".equals(m.kind()) || "body".equals(m.kind())).count();
        double score = relevance.score(doc.title().words(), doc.body().words(), titleEntities, entities, (int) providers);
        return new TaggingResult(tags, entities, marketFigures, score);
    }

    private List<Mention> tagSection(TaggingDocument doc, Section section) {
        List<Mention> out = new ArrayList<>();
        out.addAll(types.tag(doc, section));
        out.addAll(sourcingModels.tag(doc, section));
        out.addAll(countries.tag(doc, section));
        out.addAll(regions.tag(doc, section));
        // Organisations by gazetteer and name rules, then people (who must not be taken for organisations), then the
        // organisations that only their context marks, and the model's spans where nothing else was found.
        List<Mention> firstOrgs = organizations.tag(doc, section, List.of(), out, false);
        Map<String, List<Mention>> model = nameModel == null || section.isTitle()
                ? Map.of() : nameModel.find(section, unexplainedNames(section, out, firstOrgs));
        List<Mention> taken = new ArrayList<>(firstOrgs);
        taken.addAll(out.stream().filter(m -> !m.type().equals(EntityTypes.SOURCING_MODEL)).toList());
        List<Mention> persons = people.tag(doc, section, taken, model.getOrDefault(EntityTypes.PERSON, List.of()));
        List<Mention> others = new ArrayList<>(out);
        others.addAll(persons);
        out.addAll(organizations.tag(doc, section, model.getOrDefault(EntityTypes.ORGANIZATION, List.of()), others, true));
        out.addAll(persons);
        return out;
    }

    /**
     * The stretches of text worth the name finder's time: a few tokens around capitalised words that no gazetteer
     * or rule has explained yet (the model's features look two tokens away, so the rest of the sentence changes
     * little). The model's spans count only where nothing else was found, and most names in trade news are in
     * the gazetteers (types, countries, regions, known organisations) or found by the rules; running the model on
     * every sentence cost more than all the rest of the enrichment together (BENCHMARKS.md). What counts is an
     * unexplained capitalised word followed by another capitalised word ("Jack Madrid", "Zentrix Global"): a lone
     * capitalised word opens a sentence ("Banks are …") or is a place or an acronym more often than a name the
     * model (precision about 0.5 on organisations in its test parts) gets right, and the tagging evaluation scores
     * the same without them. Words with digits ("FY18"), currency codes and figure words ("USD", "Rs", "CAGR") and
     * short capitals ("IT", "GCCs") never count.
     */
    private List<NameModel.Window> unexplainedNames(Section section, List<Mention> found, List<Mention> orgs) {
        List<Sentence> sentences = section.sentences();
        var analyzed = section.analyzed();
        var words = section.words();
        NameRules rules = organizations.rules();
        // covered[i]: whether character i lies in a mention found so far
        boolean[] covered = new boolean[section.text().length()];
        for (List<Mention> list : List.of(found, orgs)) {
            for (Mention m : list) {
                java.util.Arrays.fill(covered, m.start(), m.end(), true);
            }
        }
        List<NameModel.Window> windows = new ArrayList<>();
        for (int w = 0; w < words.size(); w++) {
            int start = words.start(w);
            String surface = words.surface(w);
            if (covered[start] || !rules.isNameWord(words, w) || FIGURE_WORDS.contains(surface)
                    || hasDigit(surface) || acronym(surface)) {
                continue;
            }
            boolean lone = w + 1 >= words.size() || !NameRules.spaced(words, w) || !rules.isNameWord(words, w + 1);
            int first = analyzed.tokenIndexAt(start);
            if (lone || first < 0) {
                continue;
            }
            int end = w + 1;
            while (end < words.size() && end - w < NAME_WORDS && NameRules.spaced(words, end - 1) && rules.isNameWord(words, end)) {
                end++;
            }
            int last = analyzed.tokenIndexAt(words.start(end - 1));
            Sentence sentence = sentences.get(analyzed.tokens().get(first).sentence());
            int from = Math.max(sentence.firstToken(), first - WINDOW_CONTEXT);
            int to = Math.min(sentence.firstToken() + sentence.tokenCount(), Math.max(first, last) + 1 + WINDOW_CONTEXT);
            NameModel.Window previous = windows.isEmpty() ? null : windows.getLast();
            if (previous != null && previous.sentence() == sentence.index() && from <= previous.to()) {
                windows.set(windows.size() - 1, new NameModel.Window(sentence.index(), previous.from(), Math.max(to, previous.to())));
            } else {
                windows.add(new NameModel.Window(sentence.index(), from, to));
            }
            w = end - 1;
        }
        return windows;
    }

    /** At most this many capitalised words make one name for the name finder's window. */
    private static final int NAME_WORDS = 6;
    /** Tokens of context on each side of a name in the name finder's window: its features look two tokens away. */
    private static final int WINDOW_CONTEXT = 3;

    private static boolean hasDigit(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isDigit(word.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** "IT", "BPM", "GCCs": short capitals, which the model, trained on other text, rarely gets right alone. */
    private static boolean acronym(String word) {
        int n = word.endsWith("s") ? word.length() - 1 : word.length();
        if (n > 5) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!Character.isUpperCase(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Capitalised words of market figures: ISO 4217 codes (from the JDK) and the like. */
    private static final Set<String> FIGURE_WORDS = figureWords();

    private static Set<String> figureWords() {
        Set<String> out = new java.util.HashSet<>(List.of("CAGR", "Rs", "US", "FY", "YoY", "Q1", "Q2", "Q3", "Q4"));
        java.util.Currency.getAvailableCurrencies().forEach(c -> out.add(c.getCurrencyCode()));
        return Set.copyOf(out);
    }

    private static Tags tags(MentionResolver.Resolved resolved) {
        Map<String, Set<String>> byType = new java.util.HashMap<>();
        for (String type : EntityTypes.ALL) {
            byType.put(type, new LinkedHashSet<>());
        }
        for (Mention m : resolved.kept()) {
            byType.get(m.type()).add(m.canonical());
        }
        for (Mention m : resolved.nested()) {
            byType.get(m.type()).add(m.canonical());
        }
        return new Tags(List.copyOf(byType.get(EntityTypes.OUTSOURCING_TYPE)), List.copyOf(byType.get(EntityTypes.COUNTRY)),
                List.copyOf(byType.get(EntityTypes.REGION)), List.copyOf(byType.get(EntityTypes.ORGANIZATION)),
                List.copyOf(byType.get(EntityTypes.PERSON)), List.copyOf(byType.get(EntityTypes.SOURCING_MODEL)));
    }
}
