/**
 * The records that travel between stages (ARCHITECTURE.md, "Records"). Immutable, JSON-mapped by
 * {@link io.outsight.core.json.RecordCodec}; lists are never null (empty when absent).
 */
@NullMarked
package io.outsight.core.record;

import org.jspecify.annotations.NullMarked;
