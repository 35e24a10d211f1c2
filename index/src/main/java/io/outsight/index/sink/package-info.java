/** The sink: enriched articles from Kafka into Elasticsearch, offsets committed after acknowledgement. */
@NullMarked
package io.outsight.index.sink;

import org.jspecify.annotations.NullMarked;
