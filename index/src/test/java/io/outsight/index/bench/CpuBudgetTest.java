package io.outsight.index.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuBudgetTest {

    @Test
    void predictsRawBulksCpuOverTheSinks() {
        var budget = new CpuBudget(new CpuBudget.Share(0.9, 6.7, 0.1), new CpuBudget.Share(2.5, 7.4, 0.2));

        assertEquals(7.7 / 10.1, budget.predictedRatio(), 1e-9);
        assertEquals("CPU of all processes: raw bulk 7.7 s, the sink 10.1 s (client +1.6, Elasticsearch +0.7,"
                + " others +0.1), the ratio it predicts 0.76", budget.toString());
    }

    @Test
    void summarisesEachPartByItsMedianAndThePredictionRoundByRound() {
        var rounds = List.of(
                new CpuBudget(new CpuBudget.Share(1.0, 6.0, 0.0), new CpuBudget.Share(2.0, 6.0, 0.0)), // 0.875
                new CpuBudget(new CpuBudget.Share(0.8, 8.0, 0.2), new CpuBudget.Share(3.0, 7.0, 0.0)), // 0.9
                new CpuBudget(new CpuBudget.Share(0.9, 7.0, 0.1), new CpuBudget.Share(2.5, 9.5, 0.0))); // 0.667

        String summary = CpuBudget.summary(rounds);

        assertTrue(summary.contains("medians of the 3 rounds: raw bulk 8.0 s (client 0.9, Elasticsearch 7.0,"
                + " others 0.1), the sink 9.5 s (client 2.5, Elasticsearch 7.0, others 0.0)"), summary);
        assertTrue(summary.endsWith("the ratio it predicts if the cores are the limit 0.88"), summary);
    }

    @Test
    void saysSoWhenThereAreNoRounds() {
        assertEquals("CPU of all processes: no rounds", CpuBudget.summary(List.of()));
    }
}
