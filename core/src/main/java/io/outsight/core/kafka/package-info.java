/**
 * Kafka plumbing that every stage shares: client settings and the consume-process-produce loop that commits
 * offsets only after what it produced was acknowledged. Stages never import each other; they share this and the
 * records.
 */
@NullMarked
package io.outsight.core.kafka;

import org.jspecify.annotations.NullMarked;
