/** The ingest worker: URL requests from Kafka in, raw articles and fetch statuses out. */
@NullMarked
package io.outsight.ingest.stream;

import org.jspecify.annotations.NullMarked;
