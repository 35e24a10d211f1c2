package io.outsight.index.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Installs, into an unpacked integ-test distribution, a test-only Elasticsearch plugin that registers the three
 * analysis components the node's {@code .security} index asks for and the integ-test-zip lacks (they live in the
 * {@code analysis-common} module of the full distribution, which is not published to Maven Central):
 * the {@code uax_url_email} tokenizer and the {@code pattern_capture} and {@code unique} token filters. Without them
 * the node cannot create its {@code .security} index, so no API key can be created. Each is Lucene's own component,
 * as in analysis-common; {@code unique} is approximated by Lucene's {@code RemoveDuplicatesTokenFilter} (duplicates
 * at the same position only), which only changes how the security index tokenises e-mail addresses.
 *
 * <p>The plugin is compiled here, against the distribution's own {@code lib/} jars, so it always matches the node's
 * version. Not thread-safe: call it before the node starts.
 */
final class SecurityIndexAnalysisPlugin {
    static final String NAME = "outsight-it-security-analysis";
    private static final String CLASS = "outsight.it.analysis.SecurityIndexAnalysisPlugin";
    private static final String SOURCE = """
            package outsight.it.analysis;

            import java.util.Map;
            import java.util.regex.Pattern;
            import org.apache.lucene.analysis.TokenStream;
            import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
            import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
            import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
            import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
            import org.elasticsearch.index.analysis.TokenFilterFactory;
            import org.elasticsearch.index.analysis.TokenizerFactory;
            import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
            import org.elasticsearch.plugins.AnalysisPlugin;
            import org.elasticsearch.plugins.Plugin;

            public final class SecurityIndexAnalysisPlugin extends Plugin implements AnalysisPlugin {
                @Override
                public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
                    return Map.of(
                            "pattern_capture", (indexSettings, environment, name, settings) -> {
                                Pattern[] patterns = settings.getAsList("patterns").stream()
                                        .map(Pattern::compile).toArray(Pattern[]::new);
                                boolean preserve = settings.getAsBoolean("preserve_original", true);
                                return new AbstractTokenFilterFactory(name) {
                                    @Override
                                    public TokenStream create(TokenStream in) {
                                        return new PatternCaptureGroupTokenFilter(in, preserve, patterns);
                                    }
                                };
                            },
                            "unique", (indexSettings, environment, name, settings) ->
                                    new AbstractTokenFilterFactory(name) {
                                        @Override
                                        public TokenStream create(TokenStream in) {
                                            return new RemoveDuplicatesTokenFilter(in);
                                        }
                                    });
                }

                @Override
                public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
                    return Map.of("uax_url_email", (indexSettings, environment, name, settings) ->
                            TokenizerFactory.newFactory(name, UAX29URLEmailTokenizer::new));
                }
            }
            """;

    private SecurityIndexAnalysisPlugin() {}

    /** Compiles the plugin against {@code home/lib} and installs it as {@code home/plugins/NAME}. */
    static void install(Path home, String version, Path work) throws IOException {
        Path src = work.resolve("src").resolve("outsight/it/analysis/SecurityIndexAnalysisPlugin.java");
        Path classes = work.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, SOURCE);
        String classpath;
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            classpath = jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toString)
                    .collect(Collectors.joining(java.io.File.pathSeparator));
        }
        var compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the test JVM has no Java compiler (run the tests on a JDK)");
        }
        var diagnostics = new StringWriter();
        boolean ok = compiler.getTask(diagnostics, null, null,
                List.of("--release", "21", "-proc:none", "-classpath", classpath, "-d", classes.toString()), null,
                compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src.toFile()))
                .call();
        if (!ok) {
            throw new IllegalStateException("the stand-in analysis plugin does not compile against " + home
                    + "/lib:\n" + diagnostics);
        }
        Path plugin = home.resolve("plugins").resolve(NAME);
        Files.createDirectories(plugin);
        try (OutputStream out = Files.newOutputStream(plugin.resolve(NAME + ".jar"));
                var jar = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        Files.writeString(plugin.resolve("plugin-descriptor.properties"), String.join("\n",
                "description=Test-only stand-in for the analysis-common components of the .security index",
                "version=" + version,
                "name=" + NAME,
                "classname=" + CLASS,
                "java.version=21",
                "elasticsearch.version=" + version,
                ""));
    }
}
