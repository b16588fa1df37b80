package io.mqpool.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole bench at tiny sizes, once, read back from its JSON report: every workload runs on
 * real pools, worker processes, a real server killed with kill -9, and python3 when there is one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchIT {

    private static final BenchSizes SIZES = BenchSizes.tiny();
    /**
     * Every row at tiny sizes: the sleep and demo workloads are skipped there, and so is
     * startup.cold.archived on a test's class path of directories (JavaCommandTest).
     */
    private static final Set<String> ROWS = Set.of("trivial.default", "trivial.chunksize1", "latency.p50",
            "latency.p99", "latency.threads.p50", "latency.threads.p99", "cpu.efficiency", "startup", "startup.cold",
            "memory.seconds", "memory.peak-mb", "recovery.resume",
            "recovery.lost", "recovery.duplicated", "state.p50", "state.p99", "state.rate", "fairness.small.p50",
            "fairness.small.p99", "fairness.big.alone", "fairness.big.mixed");
    private static final Set<String> PYTHON_ROWS = Set.of("trivial.default", "trivial.chunksize1", "latency.p50",
            "latency.p99", "latency.threads.p50", "latency.threads.p99", "cpu.efficiency", "startup", "startup.cold",
            "memory.seconds", "memory.peak-mb", "state.p50", "state.p99",
            "state.rate");

    private JsonNode report;
    private final Map<String, JsonNode> rows = new LinkedHashMap<>();

    @BeforeAll
    void runTheBenchOnEveryWorkload() throws Exception {
        Timer timer = Timer.start();
        List<BenchRow> measured = new Bench(SIZES, BenchStore.embeddedH2(), what -> System.out.printf(Locale.ROOT, "[%5.1f s] bench: %s%n",
                timer.seconds(), what)).run(Workloads.names(), true);
        ObjectMapper json = new ObjectMapper();
        report = json.readTree(json.writeValueAsString(BenchReport.of(BenchStore.embeddedH2(), measured)));
        report.get("rows").forEach(row -> rows.put(row.get("row").asText(), row));
        System.out.println(report.toPrettyString());
    }

    @Test
    void everyWorkloadReportsItsRowsOnePerRunInTheRegisteredOrder() {
        assertEquals(List.of("trivial", "latency", "cpu", "sleep", "startup", "demo", "memory", "recovery", "state",
                "fairness"),
                Workloads.names());
        assertEquals(ROWS, rows.keySet());
        assertEquals("trivial.default", rows.keySet().iterator().next());
        for (JsonNode row : rows.values()) {
            assertEquals(SIZES.runs(), row.get("runs").size(), row.toString());
            assertTrue(row.get("min").asDouble() <= row.get("median").asDouble(), row.toString());
            assertTrue(row.get("median").asDouble() <= row.get("max").asDouble(), row.toString());
        }
    }

    @Test
    void timesRatesAndSpeedupsArePositive() {
        for (String row : List.of("trivial.default", "trivial.chunksize1", "latency.p50", "latency.p99",
                "latency.threads.p50", "cpu.efficiency", "startup", "startup.cold",
            "memory.seconds", "memory.peak-mb", "recovery.resume", "state.p50",
                "state.rate", "fairness.small.p50", "fairness.big.alone", "fairness.big.mixed")) {
            assertTrue(rows.get(row).get("min").asDouble() > 0, rows.get(row).toString());
        }
        assertTrue(rows.get("latency.p50").get("median").asDouble()
                <= rows.get("latency.p99").get("median").asDouble());
        assertTrue(rows.get("latency.threads.p50").get("median").asDouble()
                <= rows.get("latency.threads.p99").get("median").asDouble());
    }

    @Test
    void theMemoryProbeStaysUnderItsHeapCap() {
        assertTrue(rows.get("memory.peak-mb").get("max").asDouble() < 256, rows.get("memory.peak-mb").toString());
    }

    @Test
    void aServerKilledMidJobLosesNoResultAndRecordsNoneTwice() {
        assertEquals(0.0, rows.get("recovery.lost").get("max").asDouble(), rows.get("recovery.lost").toString());
        assertEquals(0.0, rows.get("recovery.duplicated").get("max").asDouble(),
                rows.get("recovery.duplicated").toString());
    }

    @Test
    void theReportNamesTheMachineAndTheStore() {
        JsonNode machine = report.get("machine");
        assertEquals(Runtime.getRuntime().availableProcessors(), machine.get("cores").asInt());
        assertFalse(machine.get("java").asText().isBlank());
        assertFalse(machine.get("os").asText().isBlank());
        assertTrue(machine.get("diskSyncP50Ms").asDouble() > 0, machine.toString());
        assertTrue(machine.get("diskSyncP50Ms").asDouble() <= machine.get("diskSyncP99Ms").asDouble(),
                machine.toString());
        assertEquals("H2 (embedded)", report.get("store").asText());
    }

    @Test
    void pythonsFiguresStandBesideMqpoolsWhenPython3IsOnThePath() {
        assumeTrue(python3Runs(), "python3 is not on the PATH");
        for (Map.Entry<String, JsonNode> row : rows.entrySet()) {
            JsonNode python = row.getValue().get("python");
            if (PYTHON_ROWS.contains(row.getKey())) {
                assertEquals(SIZES.runs(), python.get("runs").size(), row.getValue().toString());
                assertTrue(python.get("median").asDouble() > 0, row.getValue().toString());
                assertTrue(row.getValue().get("ratio").asDouble() > 0, row.getValue().toString());
            } else {
                assertTrue(python.isNull() && row.getValue().get("ratio").isNull(), row.getValue().toString());
            }
        }
    }

    private static boolean python3Runs() {
        try {
            Process python = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            python.getInputStream().transferTo(OutputStream.nullOutputStream());
            return python.waitFor(10, TimeUnit.SECONDS) && python.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
