/**
 * Measuring extraction: the shingle-based score of the extraction benchmark ({@link
 * io.outsight.ingest.extract.eval.ExtractionScorer}), running the extractor over a folder of saved pages ({@link
 * io.outsight.ingest.extract.eval.ExtractionRun}) and scoring a run against a truth file ({@link
 * io.outsight.ingest.extract.eval.ExtractionEvaluation}). These are library entry points; the command line lives in
 * the app module.
 */
@NullMarked
package io.outsight.ingest.extract.eval;

import org.jspecify.annotations.NullMarked;
