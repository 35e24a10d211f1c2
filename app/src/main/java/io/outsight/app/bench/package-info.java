/**
 * {@code outsight bench}: generated article pages served locally, the whole pipeline on the local stack with one
 * worker process per stage, the same stages in one process loop as the ceiling, and the report of both.
 */
@NullMarked
package io.outsight.app.bench;

import org.jspecify.annotations.NullMarked;
