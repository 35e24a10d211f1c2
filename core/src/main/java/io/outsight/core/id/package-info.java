/** Article ids and content hashes: the same article has the same id everywhere (Kafka key, Elasticsearch _id). */
@NullMarked
package io.outsight.core.id;

import org.jspecify.annotations.NullMarked;
