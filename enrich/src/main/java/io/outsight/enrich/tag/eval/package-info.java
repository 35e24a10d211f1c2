/**
 * Measuring the taggers on an annotated set: the gold format ({@link io.outsight.enrich.tag.eval.GoldSet}) and
 * {@link io.outsight.enrich.tag.eval.TaggingEvaluation}, which prints precision, recall and F1 per entity type and
 * for market figures (behind {@code outsight eval tagging --gold FILE}).
 */
@NullMarked
package io.outsight.enrich.tag.eval;

import org.jspecify.annotations.NullMarked;
