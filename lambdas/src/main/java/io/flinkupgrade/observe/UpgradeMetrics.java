package io.flinkupgrade.observe;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;

/**
 * Emits the {@link UpgradeMetric}s through Powertools metrics, functional style: each event is one
 * EMF document of its own ({@link Metrics#flushMetrics}) with its own dimensions, so no handler has
 * to flush at its end. Namespace and {@code Service} come from {@code POWERTOOLS_METRICS_NAMESPACE}
 * and {@code POWERTOOLS_SERVICE_NAME}, which the stack sets on every function. A metric that cannot
 * be emitted (no namespace, a value EMF refuses) is a warning in the log, never the task's failure:
 * a verdict or a rollback is worth more than its count.
 * https://docs.aws.amazon.com/powertools/java/latest/core/metrics/
 */
public final class UpgradeMetrics {
    private static final Logger LOG = LoggerFactory.getLogger("io.flinkupgrade");

    /** The EMF property (not a dimension: see {@link UpgradeMetric}) naming the application. */
    static final String APPLICATION = "application";

    private final Metrics metrics;

    public UpgradeMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    /** What a function emits in Lambda: EMF lines on stdout, which Lambda sends to CloudWatch Logs. */
    public static UpgradeMetrics powertools() {
        return new UpgradeMetrics(MetricsFactory.getMetricsInstance());
    }

    /** A health check's verdict (PENDING included: it shows how long bakes run). */
    public void healthChecked(String verdict, String application) {
        emit(UpgradeMetric.HEALTH_CHECKS, verdict, 1, application);
    }

    /** A rollback was started. */
    public void rollbackStarted(String application) {
        emit(UpgradeMetric.ROLLBACKS, null, 1, application);
    }

    /** An upgrade ended with {@code outcome} after {@code duration}; {@code timeToDetect} when the bake found it unhealthy. */
    public void upgradeEnded(String outcome, Duration duration, Optional<Duration> timeToDetect, String application) {
        flush(UpgradeMetric.UPGRADES, document -> {
            dimensions(document, UpgradeMetric.OUTCOME, outcome);
            document.addMetric(UpgradeMetric.UPGRADES.metricName(), 1, UpgradeMetric.UPGRADES.unit());
            document.addMetric(UpgradeMetric.UPGRADE_DURATION.metricName(), duration.toSeconds(), UpgradeMetric.UPGRADE_DURATION.unit());
            addApplication(document, application);
        });
        timeToDetect.ifPresent(detect -> emit(UpgradeMetric.TIME_TO_DETECT, null, detect.toSeconds(), application));
    }

    private void emit(UpgradeMetric metric, String dimensionValue, double value, String application) {
        flush(metric, document -> {
            if (metric.dimension() != null) {
                dimensions(document, metric.dimension(), dimensionValue);
            }
            document.addMetric(metric.metricName(), value, metric.unit());
            addApplication(document, application);
        });
    }

    private void flush(UpgradeMetric metric, Consumer<Metrics> document) {
        try {
            metrics.flushMetrics(document);
        } catch (RuntimeException e) {
            LOG.warn("metric {} not emitted: {}", metric.metricName(), e.toString());
        }
    }

    /**
     * One dimension set, {@code Service} and {@code name}: Powertools' addDimension would add a set of
     * its own next to {@code [Service]}, publishing each value twice, once without the service.
     */
    private static void dimensions(Metrics document, String name, String value) {
        DimensionSet dimensions = document.getDefaultDimensions();
        dimensions.addDimension(name, value);
        document.setDefaultDimensions(dimensions);
    }

    private static void addApplication(Metrics document, String application) {
        if (application != null) {
            document.addMetadata(APPLICATION, application);
        }
    }
}
