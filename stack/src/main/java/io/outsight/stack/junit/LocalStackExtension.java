package io.outsight.stack.junit;

import io.outsight.stack.LocalStack;
import io.outsight.stack.StackAddresses;
import io.outsight.stack.StackSettings;
import io.outsight.stack.internal.ElasticsearchDistribution;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives integration tests a real local stack: one Kafka broker and one Elasticsearch node per test JVM, shared by
 * every test class that uses the extension, started on first use and stopped after the last test.
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class BulkSinkIT {
 *     @Test
 *     void indexesWhatItConsumes(StackAddresses stack) { ... stack.kafkaBootstrapServers() ... }
 * }
 * }</pre>
 *
 * <p>The stack lives in {@code target/it-stack} of the module under test, on free ports (never 9092 or 9200, so
 * a stack the developer runs is left alone), with the Outsight topics created at 6 partitions. Each test JVM starts
 * from empty Kafka and Elasticsearch data; the unpacked Elasticsearch distribution is kept between runs. Servers
 * left behind by an earlier test JVM that was killed are stopped first.
 *
 * <p>Parameters of type {@link StackAddresses} in test methods, constructors and lifecycle methods are resolved
 * to the stack's addresses; parameters of type {@link LocalStack} to the stack itself, for fault tests that stop and
 * restart a server ({@link io.outsight.stack.LocalKafka#restart()}, {@link io.outsight.stack.LocalElasticsearch#restart()}):
 * such a test must leave the server running when it ends, since the stack is shared. Thread-safe: parallel test
 * classes share the one stack.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStackExtension.class);
    private static final Namespace NAMESPACE = Namespace.create(LocalStackExtension.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180); // 2 shared cores can be slow

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StackAddresses.class || type == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            LocalStack stack = stack(context);
            return parameter.getParameter().getType() == LocalStack.class ? stack : stack.addresses();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("The local stack did not start: " + e.getMessage(), e);
        }
    }

    /**
     * The system property naming another folder under {@code <module>/target} for the stack, so that two test runs
     * of one module at the same time (two developers' or agents' builds in one checkout) do not stop each other's
     * servers as leftovers: {@code -Doutsight.it-stack.dir=it-stack-faults}.
     */
    public static final String DIR_PROPERTY = "outsight.it-stack.dir";

    /** The data folder of the tests' stack: {@code <module>/target/it-stack}, or as {@value #DIR_PROPERTY} says. */
    public static Path dataDir() {
        String moduleDir = System.getProperty("basedir", System.getProperty("user.dir"));
        String name = System.getProperty(DIR_PROPERTY, "it-stack");
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException(DIR_PROPERTY + " must be a plain folder name under target/, got '"
                    + name + "'");
        }
        return Path.of(moduleDir, "target", name).toAbsolutePath().normalize();
    }

    private static LocalStack stack(ExtensionContext context) {
        // The root context's store lives as long as the test run, and closes its resources when the run ends.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> SharedStack.start(), SharedStack.class).stack;
    }

    /** The stack as a store resource: JUnit closes it after the last test of the JVM. */
    private static final class SharedStack implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final LocalStack stack;

        private SharedStack(LocalStack stack) {
            this.stack = stack;
        }

        static SharedStack start() {
            Path dataDir = dataDir();
            LocalStack.down(dataDir); // whatever an earlier, killed test JVM left running
            try {
                ElasticsearchDistribution.deleteTree(dataDir.resolve("kafka").resolve("data"));
                ElasticsearchDistribution.deleteTree(dataDir.resolve("elasticsearch").resolve("data"));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot clear the data of the test stack in " + dataDir, e);
            }
            StackSettings settings = StackSettings.defaults(dataDir)
                    .withAnyFreePorts()
                    .withStartupTimeout(STARTUP_TIMEOUT);
            LocalStack stack = LocalStack.start(settings);
            LOG.info("Test stack started: {}", stack.addresses());
            return new SharedStack(stack);
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
