/**
 * The HTTP API of {@code outsight serve}: submit URLs as jobs and follow them, search and facets, article detail,
 * fetch statuses, health and Prometheus metrics. The server ({@link io.outsight.app.api.ApiServer}) talks to the
 * outside through two small interfaces, {@link io.outsight.app.api.ArticleStore} and
 * {@link io.outsight.app.api.UrlSink}, so its handlers are tested with plain fakes.
 */
@NullMarked
package io.outsight.app.api;

import org.jspecify.annotations.NullMarked;
