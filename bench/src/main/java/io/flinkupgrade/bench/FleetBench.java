package io.flinkupgrade.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.engine.ExecutionListener;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.local.runtime.FleetResult;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * A fleet of 500 emulated applications, 2% of them restart-looping on the target: canary 1, then
 * the rest at maxConcurrency 25 (5% tolerated). Prints the virtual makespan and its ratio to the ideal
 * (the canary's upgrade + ceil(rest / 25) healthy upgrades), wall time, peak heap, and state
 * transitions and task calls per application. Goals (issue 12): ratio <= 1.1, wall < 60 s on 2 cores, heap < 1 GiB.
 */
public final class FleetBench {
    private static final int APPLICATIONS = 500;
    private static final int CONCURRENCY = 25;
    private static final long MIB = 1024 * 1024;
    private static final String SCENARIO = """
            {"description": "500 applications, 2%% broken", "fleet": {"count": %d, "namePattern": "app-%%03d",
             "runtimes": ["FLINK-1_15", "FLINK-1_18"], "tags": {"team": "bench"},
             "broken": [{"share": 0.02, "runtime": "FLINK-1_20", "behaviour": "RESTART_LOOP"}]}}
            """.formatted(APPLICATIONS);
    private static final String REQUEST = """
            {"targetRuntime": "FLINK-1_20",
             "selector": {"tags": {"team": "bench"}, "code": {"bucketArn": "arn:aws:s3:::flink-artifacts-123456789012",
                          "fileKey": "{applicationName}/{applicationName}-flink-1.20.jar"}},
             "rollout": {"canarySize": 1, "maxConcurrency": %d, "toleratedFailures": {"percentage": 5}}}
            """.formatted(CONCURRENCY);

    private FleetBench() {}

    public static void main(String[] args) throws IOException {
        JsonNode request = TaskJson.mapper().readTree(REQUEST);
        AtomicLong transitions = new AtomicLong();
        ExecutionListener counting = new ExecutionListener() {
            @Override
            public void onEvent(HistoryEvent event) {
            }

            @Override
            public void onEvent(String executionArn, HistoryEvent event) {
                if (event.type() == HistoryEventType.STATE_ENTERED) {
                    transitions.incrementAndGet();
                }
            }
        };
        LiveHeap liveHeap = LiveHeap.watch();
        long start = System.nanoTime();
        FleetResult result = LocalUpgrade.runFleet(LocalUpgrade.definition(Optional.empty()), request,
                Scenario.parse("fleet-bench", SCENARIO), counting, n -> { });
        long wallMillis = (System.nanoTime() - start) / 1_000_000;

        ExecutionDescription canary = result.upgrades().get(0);
        Duration oneUpgrade = Duration.between(canary.startDate(), canary.stopDate());
        Duration ideal = oneUpgrade.plus(oneUpgrade.multipliedBy((APPLICATIONS - 1 + CONCURRENCY - 1) / CONCURRENCY));
        Duration makespan = Duration.between(result.execution().startTime(), result.execution().stopTime());
        System.out.printf("fleet of %d (canary 1, then maxConcurrency %d, 2%% broken): %s %s%n", APPLICATIONS, CONCURRENCY,
                result.outcomeName(), result.outcome().path("counts"));
        System.out.printf("  virtual makespan   %s (ideal %s: one upgrade %s + ceil(%d / %d) more), ratio %.3f%n", minutes(makespan),
                minutes(ideal), minutes(oneUpgrade), APPLICATIONS - 1, CONCURRENCY, (double) makespan.toSeconds() / ideal.toSeconds());
        System.out.printf("  wall time          %.1f s%n", wallMillis / 1000.0);
        System.out.printf("  peak heap          %d MiB after a collection (what the run kept), %d MiB used at most (garbage included, of a %d MiB maximum)%n",
                liveHeap.peakAfterCollection() / MIB, liveHeap.peakUsed() / MIB, Runtime.getRuntime().maxMemory() / MIB);
        System.out.printf("  per application    %.1f state transitions, %.1f task calls to AWS%n",
                (double) transitions.get() / APPLICATIONS, (double) result.taskCalls().size() / APPLICATIONS);
    }

    private static String minutes(Duration duration) {
        return String.format("%dh%02dm%02ds", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }

    /**
     * The heap the fleet run needs. The collector lets garbage pile up until the heap's maximum (a quarter of
     * the machine's memory by default) makes it collect, so the most ever used says little about that; the
     * heap in use right after each collection is the run's live data (and what old-generation garbage no
     * collection has reached yet), and its peak is what the run needs. The run starts from reset peaks, so
     * the benchmarks before it in the same JVM do not count.
     */
    private static final class LiveHeap {
        private final AtomicLong peakAfterCollection = new AtomicLong();
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();

        static LiveHeap watch() {
            System.gc();
            LiveHeap heap = new LiveHeap();
            heap.pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            Set<String> heapPools = heap.pools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                    if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        long after = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo()
                                .getMemoryUsageAfterGc().entrySet().stream()
                                .filter(pool -> heapPools.contains(pool.getKey()))
                                .mapToLong(pool -> pool.getValue().getUsed())
                                .sum();
                        heap.peakAfterCollection.accumulateAndGet(after, Math::max);
                    }
                }, null, null);
            }
            return heap;
        }

        long peakAfterCollection() {
            return peakAfterCollection.get();
        }

        long peakUsed() {
            return pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        }
    }
}
