/**
 * {@code outsight bench}: generated article pages served locally, the whole pipeline on the local stack with one
 * worker process per stage (or one for all), the same stages in one process loop as the ceiling, timed in rounds
 * that alternate the two, and the report of both, judged on the median of the rounds' ratios.
 */
@NullMarked
package io.outsight.app.bench;

import org.jspecify.annotations.NullMarked;
