package io.outsight.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outsight.app.process.HeapStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchReportTest {
    private static final int COUNT = 100;
    private static final long HEAP = 256L << 20;

    @ParameterizedTest(name = "median of [{0}] = {1}")
    @CsvSource(delimiter = ';', value = {
        "0.8; 0.8",
        "0.9 0.5 0.7; 0.7",
        "0.95 0.66 0.81 0.72 0.70; 0.72",
        "0.6 0.8; 0.7",
        "0.9 0.1 0.7 0.5; 0.6",
        "1 1 3 3; 2"})
    void medianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes(String values, double median) {
        double[] parsed = Arrays.stream(values.split(" ")).mapToDouble(Double::parseDouble).toArray();
        double[] copy = parsed.clone();
        assertEquals(median, BenchReport.median(parsed), 1e-12);
        assertEquals(Arrays.toString(copy), Arrays.toString(parsed), "the values are left in their order");
    }

    @Test
    void theMedianOfNoValuesIsZero() {
        assertEquals(0, BenchReport.median());
    }

    @Test
    void eachRoundsRatioIsItsEndToEndRateOverItsOwnCeiling() {
        // Ceiling 100 articles in 1 s = 100/s; pipeline 100 articles in 1.25 s = 80/s.
        var round = round(1, 1.0, 1.25);
        assertEquals(100, round.ceiling().perSecond(), 1e-9);
        assertEquals(80, round.pipeline().endToEndRate(), 1e-9);
        assertEquals(0.8, round.ratio(), 1e-9);
    }

    @Test
    void theTargetIsJudgedOnTheMedianNotOnTheBestRound() {
        // Ratios 0.5, 0.65, 0.95: the best and the mean (0.70) reach 0.7, the median does not.
        var report = report(3, ratios(0.5, 0.65, 0.95));
        assertEquals(0.65, report.ratio(), 1e-9);
        assertFalse(report.ratioTargetMet());
        assertFalse(report.targetsMet());
        assertTrue(report.heapTargetMet());
    }

    @Test
    void theTargetIsJudgedOnTheMedianNotOnTheMean() {
        // Ratios 0.2, 0.75, 0.8: the mean (0.58) misses 0.7, the median reaches it.
        var report = report(3, ratios(0.75, 0.2, 0.8));
        assertEquals(0.75, report.ratio(), 1e-9);
        assertTrue(report.ratioTargetMet());
        assertTrue(report.targetsMet());
    }

    @Test
    void anEvenNumberOfRoundsIsJudgedOnTheMeanOfTheTwoMiddleRatios() {
        var missed = report(2, ratios(0.6, 0.79));
        assertEquals(0.695, missed.ratio(), 1e-9);
        assertFalse(missed.ratioTargetMet());
        var met = report(4, ratios(0.5, 0.69, 0.71, 0.9));
        assertEquals(0.7, met.ratio(), 1e-9);
        assertTrue(met.ratioTargetMet());
    }

    @Test
    void theRatioOfSummedRatesWeighsTheRoundsByTheirTime() {
        // Ceilings 100 in 1 s and 100 in 3 s: 200 in 4 s = 50/s. Pipelines 100 in 2 s and 100 in 3 s: 200 in 5 s = 40/s.
        var report = report(2, List.of(round(1, 1.0, 2.0), round(2, 3.0, 3.0)));
        assertEquals(BenchReport.median(0.5, 1.0), report.ratio(), 1e-9);
        assertEquals(0.8, report.ratioOfSummedRates(), 1e-9);
        assertEquals(200, report.ceilingTotal().articles());
        assertEquals(Duration.ofSeconds(4), report.ceilingTotal().elapsed());
        assertEquals(40, report.pipelineTotal().endToEndRate(), 1e-9);
    }

    @Test
    void theTotalOfTheRoundsSumsCountsSecondsAndCpuAndPoolsTheLatencies() {
        var first = pipeline(2.0, List.of(100L, 300L), 4.0, 10.0, Map.of("kafka", 1.0));
        var second = pipeline(3.0, List.of(200L), 6.0, 20.0, Map.of("kafka", 2.0, "elasticsearch", 5.0));
        var total = PipelineRound.total(List.of(first, second));
        assertEquals(2 * COUNT, total.submitted());
        assertEquals(Map.of("ok", 2 * COUNT), total.statuses());
        assertEquals(2 * COUNT, total.searchable());
        assertEquals(5.0, total.searchableSeconds(), 1e-9);
        assertEquals(new LatencySummary(3, 200, 300, 300), total.fetchToSearchable());
        assertEquals(10.0, total.workersCpuSeconds(), 1e-9);
        assertEquals(30.0, total.machineCpuSeconds(), 1e-9);
        assertEquals(Map.of("kafka", 3.0, "elasticsearch", 5.0), total.serverCpuSeconds());
        assertTrue(total.complete());
    }

    @Test
    void aRoundWithoutMachineCpuLeavesItOutOfTheTotal() {
        var offLinux = new PipelineRound(COUNT, Map.of("ok", COUNT), COUNT, COUNT, COUNT, 1, 1, 1, List.of(), List.of(),
                0, null, Map.of(), true);
        assertNull(PipelineRound.total(List.of(pipeline(1.0, List.of(), 1.0, 1.0, Map.of()), offLinux))
                .machineCpuSeconds());
    }

    @Test
    void fewerRoundsThanPlannedAreIncomplete() {
        var rounds = ratios(0.8, 0.9);
        assertTrue(report(2, rounds).complete());
        assertFalse(report(3, rounds).complete());
    }

    @Test
    void jsonHasEveryRoundTheMedianRatioAndTheTotals() throws Exception {
        var report = report(3, ratios(0.5, 0.8, 0.9));
        var out = new StringWriter();
        report.printJson(new PrintWriter(out));
        JsonNode json = new ObjectMapper().readTree(out.toString());

        assertEquals(COUNT, json.path("count").asInt());
        assertEquals(3, json.path("rounds_planned").asInt());
        JsonNode rounds = json.path("rounds");
        assertEquals(3, rounds.size());
        for (int i = 0; i < 3; i++) {
            JsonNode round = rounds.get(i);
            assertEquals(i + 1, round.path("round").asInt());
            assertEquals("bench-test-" + (i + 1), round.path("source").asText());
            assertEquals(COUNT, round.at("/ceiling/articles").asInt());
            assertEquals(100.0, round.at("/ceiling/per_second").asDouble(), 1e-9);
            assertEquals(COUNT, round.at("/pipeline/searchable/articles").asInt());
            assertEquals(List.of(0.5, 0.8, 0.9).get(i), round.path("ratio").asDouble(), 1e-9);
            assertEquals(round.path("ratio").asDouble() * 100, round.at("/pipeline/searchable/per_second").asDouble(),
                    1e-9);
        }
        assertEquals(0.8, json.path("ratio").asDouble(), 1e-9);
        assertEquals("median of the rounds' ratios", json.path("ratio_is").asText());
        assertEquals(report.ratioOfSummedRates(), json.path("ratio_of_summed_rates").asDouble(), 1e-9);
        assertTrue(json.path("ratio_met").asBoolean());
        assertTrue(json.path("complete").asBoolean());
        assertEquals(3 * COUNT, json.at("/ceiling/articles").asInt());
        assertEquals(3 * COUNT, json.at("/pipeline/searchable/articles").asInt());
        assertEquals(3, json.at("/pipeline/latency_fetch_to_searchable_ms/count").asInt());
        assertEquals(1, json.at("/pipeline/workers").size());
        assertEquals(HEAP / 2, json.at("/pipeline/workers/0/peak_heap_live_bytes").asLong());
    }

    @Test
    void textNamesEachRoundAndTheMedian() {
        var out = new StringWriter();
        report(3, ratios(0.5, 0.8, 0.9)).printText(new PrintWriter(out));
        String text = out.toString();
        for (String expected : List.of("round 1: ceiling", "round 2: ceiling", "round 3: ceiling", "ratio 0.50",
                "end-to-end / ceiling = 0.80, the median of the rounds' 0.50, 0.80, 0.90 (target >= 0.7: met)")) {
            assertTrue(text.contains(expected), expected + " in\n" + text);
        }
    }

    /** Rounds whose ratios are the given ones: each ceiling 100 articles in 1 s, each pipeline 100 in 1/ratio s. */
    private static List<BenchRound> ratios(double... ratios) {
        var rounds = new ArrayList<BenchRound>();
        IntStream.range(0, ratios.length).forEach(i -> rounds.add(round(i + 1, 1.0, 1 / ratios[i])));
        return rounds;
    }

    private static BenchRound round(int number, double ceilingSeconds, double pipelineSeconds) {
        var ceiling = new CeilingRun.Result(COUNT, 0, Duration.ofNanos((long) (ceilingSeconds * 1e9)), 1000,
                Duration.ofSeconds(1));
        return new BenchRound(number, "bench-test-" + number, ceiling,
                pipeline(pipelineSeconds, List.of(10L), 1.0, 2.0, Map.of()));
    }

    private static PipelineRound pipeline(double seconds, List<Long> latencies, double workersCpu, double machineCpu,
            Map<String, Double> servers) {
        return new PipelineRound(COUNT, Map.of("ok", COUNT), COUNT, COUNT, COUNT, seconds / 2, seconds * 3 / 4, seconds,
                latencies, latencies, workersCpu, machineCpu, servers, true);
    }

    private static BenchReport report(int planned, List<BenchRound> rounds) {
        var machine = new BenchReport.Machine(2, 8L << 30, "jdk", "os", Instant.parse("2026-11-26T12:00:00Z"), 1, 1);
        var worker = new WorkerResult("ingest+enrich+index", 1, 143, new HeapStats(HEAP * 3 / 4, HEAP / 2, HEAP, 5, 50),
                30.0, 20.0, Path.of("worker.log"));
        return new BenchReport(machine, COUNT, 10, 42, "test", 12345, planned, rounds, WorkerLayout.ONE_PROCESS,
                List.of(worker), "256m", HEAP);
    }
}
