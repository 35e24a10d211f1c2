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
 * to the stack's addresses. Thread-safe: parallel test classes share the one stack.
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
        return parameter.getParameter().getType() == StackAddresses.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return stack(context).addresses();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("The local stack did not start: " + e.getMessage(), e);
        }
    }

    /** The data folder of the tests' stack: {@code <module>/target/it-stack}. */
    public static Path dataDir() {
        String moduleDir = System.getProperty("basedir", System.getProperty("user.dir"));
        return Path.of(moduleDir, "target", "it-stack").toAbsolutePath().normalize();
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
