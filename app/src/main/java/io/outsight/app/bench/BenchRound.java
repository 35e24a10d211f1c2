package io.outsight.app.bench;

import java.util.Objects;

/**
 * One timed round of the benchmark: the ceiling over the round's own generated articles, then the pipeline over the
 * same articles' URLs, one right after the other, so that a slow minute of the machine slows both sides of the round
 * rather than one side of the whole run. Immutable.
 *
 * @param number from 1
 * @param source the source of the round's URL requests in the pipeline (and of its documents in the index)
 */
record BenchRound(int number, String source, CeilingRun.Result ceiling, PipelineRound pipeline) {
    BenchRound {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ceiling, "ceiling");
        Objects.requireNonNull(pipeline, "pipeline");
    }

    /** The round's end-to-end rate over its ceiling's rate; 0 when the ceiling did nothing. */
    double ratio() {
        return BenchReport.ratio(pipeline.endToEndRate(), ceiling.perSecond());
    }
}
