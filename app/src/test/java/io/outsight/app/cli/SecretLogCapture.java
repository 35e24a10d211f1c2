package io.outsight.app.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.jspecify.annotations.Nullable;

/**
 * Every log event of this JVM, rendered as a file appender would render it (message and stack trace with every
 * cause), kept in memory for tests that look for what must never be logged. It reconfigures the current Log4j 2
 * context, the one that SLF4J loggers (ours, Apache HttpClient 5, Kafka) and commons-logging loggers (the
 * Elasticsearch client's {@code Rest5Client}) write to, and puts the previous configuration back on close.
 *
 * <p>Thread-safe: events arrive from the clients' I/O threads. One capture at a time per JVM.
 */
final class SecretLogCapture implements AutoCloseable {
    /** The property the shipped log4j2.xml reads for the level of the io.outsight loggers (see Main). */
    private static final String LEVEL_PROPERTY = "outsight.log.level";

    /** One captured event: the logger, its level and the text an appender would write. */
    record Line(String logger, Level level, String text) {}

    private final LoggerContext context;
    private final @Nullable URI previousLocation;
    private final @Nullable String previousLevel;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private SecretLogCapture(LoggerContext context, @Nullable URI previousLocation, @Nullable String previousLevel) {
        this.context = context;
        this.previousLocation = previousLocation;
        this.previousLevel = previousLevel;
    }

    /**
     * The shipped {@code log4j2.xml}, turned up as far as it lets anyone: the io.outsight loggers at TRACE through
     * {@value #LEVEL_PROPERTY} (what {@code --verbose} sets to info) and the root logger at TRACE, so that every
     * library logger the file does not pin (the Elasticsearch client, Apache HttpClient 5) logs everything.
     */
    static SecretLogCapture shippedConfigurationAtTrace() {
        var capture = begin();
        System.setProperty(LEVEL_PROPERTY, "trace");
        capture.context.setConfigLocation(shippedConfiguration());
        Configuration configuration = capture.context.getConfiguration();
        LoggerConfig root = configuration.getRootLogger();
        // Not to the console as well: at TRACE that would bury the build's output.
        root.getAppenders().keySet().forEach(root::removeAppender);
        root.setLevel(Level.TRACE);
        capture.attach(configuration);
        return capture;
    }

    /**
     * No configuration file at all, every logger at TRACE: what a user gets who replaces the shipped file by one
     * with {@code <Root level="debug">} and nothing else.
     */
    static SecretLogCapture everythingAtTrace() {
        var capture = begin();
        var builder = ConfigurationBuilderFactory.newConfigurationBuilder();
        builder.setConfigurationName("secret-capture-everything");
        builder.add(builder.newRootLogger(Level.TRACE));
        capture.context.reconfigure(builder.build());
        capture.attach(capture.context.getConfiguration());
        return capture;
    }

    /** The shipped log4j2.xml as the application's jar holds it (target/classes). */
    static URI shippedConfiguration() {
        URL url = Objects.requireNonNull(SecretLogCapture.class.getResource("/log4j2.xml"), "log4j2.xml");
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }

    private static SecretLogCapture begin() {
        var context = (LoggerContext) LogManager.getContext(false);
        return new SecretLogCapture(context, context.getConfigLocation(), System.getProperty(LEVEL_PROPERTY));
    }

    private void attach(Configuration configuration) {
        var layout = PatternLayout.newBuilder().withConfiguration(configuration)
                .withPattern("%-5level %c - %msg%n%throwable").build();
        var appender = new AbstractAppender("secret-capture", null, layout, false, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(new Line(event.getLoggerName(), event.getLevel(),
                        new String(getLayout().toByteArray(event), java.nio.charset.StandardCharsets.UTF_8)));
            }
        };
        appender.start();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Everything captured, as one text. */
    String text() {
        var all = new StringBuilder();
        lines.forEach(line -> all.append(line.text()));
        return all.toString();
    }

    boolean has(Predicate<Line> test) {
        return lines.stream().anyMatch(test);
    }

    /** Whether a logger whose name starts with the prefix logged at {@code level} or a more detailed level. */
    boolean hasFrom(String loggerPrefix, Level level) {
        // Log4j orders levels by intLevel: TRACE 600, DEBUG 500, INFO 400; a higher number is more detailed.
        return has(line -> line.logger().startsWith(loggerPrefix) && line.level().intLevel() >= level.intLevel());
    }

    /** Puts back the configuration (and the level property) the JVM had before. */
    @Override
    public void close() {
        if (previousLevel == null) {
            System.clearProperty(LEVEL_PROPERTY);
        } else {
            System.setProperty(LEVEL_PROPERTY, previousLevel);
        }
        if (previousLocation != null) {
            context.setConfigLocation(previousLocation);
        } else {
            context.reconfigure();
        }
    }
}
