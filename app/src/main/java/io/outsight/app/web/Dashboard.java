package io.outsight.app.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * The web dashboard: {@code GET /} is the page, {@code /static/*} its ES modules and styles, and
 * {@code /vendor/echarts.js} a redirect to the ECharts WebJar that Javalin serves under {@code /webjars}. Everything
 * comes from the class path: the page loads nothing from the internet. The page reads the HTTP API of the same
 * server ({@code /search}, {@code /facets}, {@code /market-figures}, {@code /articles/{id}}, {@code /fetch-status},
 * {@code /health}). Thread-safe: it holds only immutable state.
 */
public final class Dashboard {
    static final String RESOURCES = "/io/outsight/app/web";
    static final String ECHARTS_ALIAS = "/vendor/echarts.js";
    static final String ECHARTS_FILE = "dist/echarts.esm.min.js";
    /**
     * What the page may load: its own scripts and styles only. ECharts sets inline styles on what it draws, hence
     * 'unsafe-inline' for styles (never for scripts: article text is third-party content).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private final byte[] page;
    private final String echartsPath;

    private Dashboard(byte[] page, String echartsPath) {
        this.page = page;
        this.echartsPath = echartsPath;
    }

    /**
     * Reads the page and finds ECharts on the class path.
     *
     * @throws IllegalStateException when the page or the ECharts WebJar is missing from the class path (a broken
     *     build, not a configuration error)
     */
    public static Dashboard load() {
        ClassLoader loader = Dashboard.class.getClassLoader();
        var echarts = WebJar.find(loader, "org.webjars.npm", "echarts").orElseThrow(() -> new IllegalStateException(
                "the ECharts WebJar (org.webjars.npm:echarts) is not on the class path"));
        if (loader.getResource(echarts.resource(ECHARTS_FILE)) == null) {
            throw new IllegalStateException("the ECharts WebJar " + echarts.version() + " has no " + ECHARTS_FILE);
        }
        try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCES + "/index.html")) {
            Objects.requireNonNull(in, () -> RESOURCES + "/index.html is not on the class path");
            return new Dashboard(in.readAllBytes(), echarts.path(ECHARTS_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard page", e);
        }
    }

    /** Registers the static files; call inside {@code Javalin.create}. */
    public void configure(JavalinConfig config) {
        Objects.requireNonNull(config, "config");
        config.staticFiles.enableWebjars();
        config.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = RESOURCES + "/static";
            files.location = Location.CLASSPATH;
            // The modules change with each release and have no version in their names: revalidate every time.
            files.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
        });
    }

    /** Registers the page and the ECharts alias on a created server. */
    public void routes(Javalin app) {
        Objects.requireNonNull(app, "app");
        app.get("/", this::page);
        app.get(ECHARTS_ALIAS, ctx -> ctx.redirect(echartsPath, HttpStatus.FOUND));
    }

    /** The versioned path of the ECharts module, under {@code /webjars}. */
    public String echartsPath() {
        return echartsPath;
    }

    private void page(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .contentType("text/html; charset=utf-8")
                .result(page);
    }
}
