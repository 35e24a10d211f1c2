/** The enrich worker: raw articles from Kafka in, enriched articles (or dead letters) out. */
@NullMarked
package io.outsight.enrich.stream;

import org.jspecify.annotations.NullMarked;
