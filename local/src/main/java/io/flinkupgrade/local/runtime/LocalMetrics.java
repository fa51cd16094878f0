package io.flinkupgrade.local.runtime;

import io.flinkupgrade.observe.EmfLines;
import io.flinkupgrade.observe.UpgradeMetric;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Where the handlers' metrics go in a local run. In Lambda, Powertools prints each EMF document on
 * the function's stdout; here the same documents go to whoever runs the task ({@link #during}),
 * instead of the EMF library probing EC2 and ECS metadata and a CloudWatch agent socket. Tasks run
 * one at a time on the engine's thread, so the thread says whose document it is.
 */
final class LocalMetrics {
    /** The service the stack names the functions by (POWERTOOLS_SERVICE_NAME). */
    static final String SERVICE = "flink-upgrade";

    private static final ThreadLocal<Consumer<String>> DOCUMENTS = ThreadLocal.withInitial(() -> document -> { });

    static {
        MetricsFactory.setMetricsProvider(() -> EmfLines.metrics(UpgradeMetric.NAMESPACE, SERVICE, document -> DOCUMENTS.get().accept(document)));
    }

    private LocalMetrics() {}

    /** Runs one task with its EMF documents going to {@code documents}. */
    static <T> T during(Consumer<String> documents, Supplier<T> task) {
        DOCUMENTS.set(documents);
        try {
            return task.get();
        } finally {
            DOCUMENTS.remove();
        }
    }
}
