/** Elasticsearch clients built from the configuration: URL, API key or basic auth, TLS with a CA file. */
@NullMarked
package io.outsight.index.client;

import org.jspecify.annotations.NullMarked;
