/** The ingest stage: URL intake, normalisation, fetching, extraction, and raw articles to Kafka. */
@NullMarked
package io.outsight.ingest;

import org.jspecify.annotations.NullMarked;
