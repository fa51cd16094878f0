package io.flinkupgrade.observe;

import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The workflow's own CloudWatch metrics, emitted in Embedded Metric Format by {@link UpgradeMetrics}
 * and charted by the stack's dashboard, which reads the names and dimensions from here.
 *
 * <p>Dimensions are bounded sets only (an outcome, a verdict), next to Powertools' {@code Service}:
 * each distinct combination is a custom metric billed per month, and a fleet may hold hundreds of
 * applications, so the application name is an EMF property (searchable in CloudWatch Logs
 * Insights), not a dimension. https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
public enum UpgradeMetric {
    /** One per upgrade that ended, by {@link #OUTCOME}: UPGRADED, ROLLED_BACK, REJECTED or FAILED. */
    UPGRADES("Upgrades", MetricUnit.COUNT, UpgradeMetric.OUTCOME),
    /** From the execution's start to its outcome, by {@link #OUTCOME}. */
    UPGRADE_DURATION("UpgradeDuration", MetricUnit.SECONDS, UpgradeMetric.OUTCOME),
    /** From UpdateApplication to the first UNHEALTHY verdict of the bake, for upgrades found unhealthy. */
    TIME_TO_DETECT("TimeToDetect", MetricUnit.SECONDS, null),
    /** One per rollback started (RollbackApplication, or the UpdateApplication back when MSF refuses it). */
    ROLLBACKS("Rollbacks", MetricUnit.COUNT, null),
    /** One per health check, of the bake and of the rollback's bake, by {@link #VERDICT}. */
    HEALTH_CHECKS("HealthChecks", MetricUnit.COUNT, UpgradeMetric.VERDICT);

    /** The CloudWatch namespace: POWERTOOLS_METRICS_NAMESPACE of every function, and the dashboard's. */
    public static final String NAMESPACE = "FlinkUpgrade";
    public static final String OUTCOME = "Outcome";
    public static final String VERDICT = "Verdict";

    private final String metricName;
    private final MetricUnit unit;
    private final String dimension;

    UpgradeMetric(String metricName, MetricUnit unit, String dimension) {
        this.metricName = metricName;
        this.unit = unit;
        this.dimension = dimension;
    }

    /** The CloudWatch metric name. */
    public String metricName() {
        return metricName;
    }

    public MetricUnit unit() {
        return unit;
    }

    /** The dimension next to {@code Service}, or null when {@code Service} is the only one. */
    public String dimension() {
        return dimension;
    }
}
