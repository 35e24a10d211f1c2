package io.outsight.enrich.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * All term files of the taxonomy, parsed and validated. The defaults are bundled under
 * {@code io/outsight/enrich/taxonomy/}; {@link #load(Path)} reads edited copies from a folder instead, file by file,
 * so a change to the taxonomy needs no code. Immutable and thread-safe.
 *
 * <p>Validation (all problems are reported together, see {@link TaxonomyException}): the format of every line;
 * canonical values declared with {@code @code} in the files that declare codes (outsourcing types, sourcing models,
 * regions); ISO 3166-1 alpha-2 codes in the country file; numeric weights in the relevance file; the rule sets the
 * taggers need; and no term listed twice in one file for different values without a context rule to tell them apart.
 */
public final class Taxonomy {
    public static final String OUTSOURCING_TYPES = "outsourcing-types.terms";
    public static final String SOURCING_MODELS = "sourcing-models.terms";
    public static final String REGIONS = "regions.terms";
    public static final String COUNTRIES = "countries.terms";
    public static final String ORGANIZATIONS = "organizations.terms";
    public static final String PEOPLE = "people.terms";
    public static final String RELEVANCE = "relevance.terms";
    public static final List<String> FILES =
            List.of(OUTSOURCING_TYPES, SOURCING_MODELS, REGIONS, COUNTRIES, ORGANIZATIONS, PEOPLE, RELEVANCE);

    /** The sets that the organisation and person rules read from their files. */
    static final Map<String, List<String>> REQUIRED_SETS = Map.of(
            ORGANIZATIONS, List.of("legal-suffixes", "name-suffixes", "name-heads", "not-names"),
            PEOPLE, List.of("titles", "roles", "speech-verbs"),
            OUTSOURCING_TYPES, List.of("outsourcing"));

    private static final String RESOURCE_DIR = "/io/outsight/enrich/taxonomy/";

    private final Map<String, TermFile> files;

    private Taxonomy(Map<String, TermFile> files) {
        this.files = Map.copyOf(files);
    }

    /** The bundled taxonomy. */
    public static Taxonomy loadDefault() {
        return load(null);
    }

    /**
     * The taxonomy with each file taken from the folder when it holds one of that name, else the bundled one.
     *
     * @param folder a folder of edited term files, or null for the bundled ones only
     */
    public static Taxonomy load(@org.jspecify.annotations.Nullable Path folder) {
        Map<String, TermFile> parsed = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String file : FILES) {
            try (Reader reader = open(folder, file)) {
                parsed.put(file, TermFileParser.parse(file, reader));
            } catch (TaxonomyException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read taxonomy file " + file, e);
            }
        }
        if (!problems.isEmpty()) {
            throw new TaxonomyException(problems);
        }
        parsed.put(COUNTRIES, CountryData.withJdkNames(parsed.get(COUNTRIES)));
        validate(parsed, problems);
        if (!problems.isEmpty()) {
            throw new TaxonomyException(problems);
        }
        return new Taxonomy(parsed);
    }

    private static Reader open(@org.jspecify.annotations.Nullable Path folder, String file) throws IOException {
        if (folder != null && Files.isRegularFile(folder.resolve(file))) {
            return Files.newBufferedReader(folder.resolve(file), StandardCharsets.UTF_8);
        }
        InputStream in = Taxonomy.class.getResourceAsStream(RESOURCE_DIR + file);
        if (in == null) {
            throw new IOException("bundled taxonomy file " + RESOURCE_DIR + file + " is missing from the classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static void validate(Map<String, TermFile> files, List<String> problems) {
        for (String name : List.of(OUTSOURCING_TYPES, SOURCING_MODELS, REGIONS)) {
            TermFile file = files.get(name);
            if (file.codes().isEmpty()) {
                problems.add(name + ": declares no @code");
            }
            for (TermEntry entry : file.entries()) {
                for (String c : entry.canonicals()) {
                    if (!file.codes().containsKey(c) && !entry.isStop()) {
                        problems.add(entry.origin() + ": '" + c + "' is not a code declared with @code in " + name
                                + " (declared: " + String.join(", ", file.codes().keySet()) + ")");
                    }
                }
            }
        }
        TermFile countries = files.get(COUNTRIES);
        Set<String> iso = CountryData.isoCodes();
        for (TermEntry entry : countries.entries()) {
            for (String c : entry.canonicals()) {
                if (!iso.contains(c) && !countries.codes().containsKey(c) && !entry.isStop()) {
                    problems.add(entry.origin() + ": '" + c + "' is not an ISO 3166-1 alpha-2 country code"
                            + " (declare a user-assigned code such as XK with @code)");
                }
            }
        }
        for (TermEntry entry : files.get(RELEVANCE).entries()) {
            try {
                double weight = Double.parseDouble(entry.canonical());
                if (!(weight > 0 && weight <= 5)) {
                    problems.add(entry.origin() + ": weight must be in (0, 5], not " + entry.canonical());
                }
            } catch (NumberFormatException e) {
                problems.add(entry.origin() + ": weight must be a number, not '" + entry.canonical() + "'");
            }
        }
        REQUIRED_SETS.forEach((name, sets) -> {
            for (String set : sets) {
                if (!files.get(name).sets().containsKey(set)) {
                    problems.add(name + ": the taggers need '@set " + set + ": ...'");
                }
            }
        });
        for (TermFile file : files.values()) {
            checkDuplicates(file, problems);
        }
    }

    /** The same term twice in a file: an error unless a context rule tells the readings apart. */
    private static void checkDuplicates(TermFile file, List<String> problems) {
        Map<String, TermEntry> seen = new HashMap<>();
        for (TermEntry entry : file.entries()) {
            String key = termKey(entry);
            TermEntry before = seen.putIfAbsent(key, entry);
            if (before == null || entry.origin().startsWith("JDK")) {
                continue;
            }
            if (before.canonicals().equals(entry.canonicals())) {
                problems.add(entry.origin() + ": term '" + entry.term() + "' repeats " + before.origin());
            } else if (before.conditions().isEmpty()) {
                problems.add(entry.origin() + ": term '" + entry.term() + "' is also listed for "
                        + String.join("+", before.canonicals()) + " at " + before.origin()
                        + " without a context rule there (if/unless), so this line could never match");
            }
        }
    }

    static String termKey(TermEntry entry) {
        Words words = Words.of(entry.term());
        StringBuilder key = new StringBuilder(entry.caseMode().name()).append(':');
        for (int i = 0; i < words.size(); i++) {
            key.append(entry.caseMode() == CaseMode.ANY ? words.key(i) : words.surface(i)).append(' ');
        }
        return key.append(entry.term().endsWith("*") ? "*" : "").toString();
    }

    /** One parsed file by name (see {@link #FILES}). */
    public TermFile file(String name) {
        TermFile file = files.get(Objects.requireNonNull(name, "name"));
        if (file == null) {
            throw new IllegalArgumentException("no taxonomy file " + name + "; known: " + FILES);
        }
        return file;
    }

    public TermFile outsourcingTypes() {
        return files.get(OUTSOURCING_TYPES);
    }

    public TermFile sourcingModels() {
        return files.get(SOURCING_MODELS);
    }

    public TermFile regions() {
        return files.get(REGIONS);
    }

    /** The country terms: the alias file's lines first, then the JDK's English names. */
    public TermFile countries() {
        return files.get(COUNTRIES);
    }

    public TermFile organizations() {
        return files.get(ORGANIZATIONS);
    }

    public TermFile people() {
        return files.get(PEOPLE);
    }

    public TermFile relevance() {
        return files.get(RELEVANCE);
    }
}
