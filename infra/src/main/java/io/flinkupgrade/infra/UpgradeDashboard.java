package io.flinkupgrade.infra;

import io.flinkupgrade.observe.UpgradeMetric;
import io.flinkupgrade.wiring.TaskCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard for the workflow: how executions ended (Step Functions' own metrics,
 * which count the timeouts and aborts the workflow cannot report itself), the outcomes and times
 * the RecordOutcome task emits ({@link UpgradeMetric}), the checks and rollbacks, the task
 * functions' errors and throttles, and the lease table's throttled requests.
 * https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html
 */
final class UpgradeDashboard extends Construct {
    static final String DASHBOARD_NAME = "flink-upgrade";
    /** Upgrades take minutes to hours: an hour's sums and averages read better than 5-minute spikes. */
    private static final Duration PERIOD = Duration.hours(1);
    private static final List<String> OUTCOMES = List.of("UPGRADED", "ROLLED_BACK", "REJECTED", "FAILED");
    private static final List<String> VERDICTS = List.of("HEALTHY", "UNHEALTHY", "BLIND", "INTERRUPTED", "PENDING");

    private final Dashboard dashboard;

    UpgradeDashboard(Construct scope, String id, IStateMachine upgrade, Map<TaskCatalog, IAlias> tasks, ITable leases) {
        super(scope, id);
        MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
        dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(DASHBOARD_NAME).build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# flink-upgrade\nExecutions of the `" + UpgradeWorkflow.STATE_MACHINE_NAME + "` state machine and the "
                        + "metrics its tasks emit (namespace `" + UpgradeMetric.NAMESPACE + "`). README, \"Logs and metrics\".")
                .width(24).height(2).build());
        dashboard.addWidgets(
                graph("Executions by status", List.of(upgrade.metricStarted(sum), upgrade.metricSucceeded(sum), upgrade.metricFailed(sum),
                        upgrade.metricTimedOut(sum), upgrade.metricAborted(sum)), true),
                graph("Upgrades by outcome", OUTCOMES.stream().map(outcome -> ours(UpgradeMetric.UPGRADES, outcome, "Sum")).toList(), true));
        dashboard.addWidgets(
                graph("Upgrade duration (average, seconds)",
                        OUTCOMES.stream().map(outcome -> ours(UpgradeMetric.UPGRADE_DURATION, outcome, "Average")).toList(), false),
                graph("Time to detect an unhealthy upgrade (seconds)",
                        List.of(ours(UpgradeMetric.TIME_TO_DETECT, null, "Average"), ours(UpgradeMetric.TIME_TO_DETECT, null, "Maximum")), false));
        List<IMetric> checks = new ArrayList<>(VERDICTS.stream().map(verdict -> ours(UpgradeMetric.HEALTH_CHECKS, verdict, "Sum")).toList());
        checks.add(ours(UpgradeMetric.ROLLBACKS, null, "Sum"));
        dashboard.addWidgets(
                graph("Health checks by verdict, and rollbacks", checks, true),
                graph("Lease table throttled requests", List.of(leases.metric("ReadThrottleEvents", sum), leases.metric("WriteThrottleEvents", sum)),
                        false));
        dashboard.addWidgets(
                graph("Task errors", tasks.entrySet().stream()
                        .map(task -> (IMetric) task.getValue().metricErrors(labelled(sum, task.getKey()))).toList(), true),
                graph("Task throttles", tasks.entrySet().stream()
                        .map(task -> (IMetric) task.getValue().metricThrottles(labelled(sum, task.getKey()))).toList(), true));
    }

    Dashboard dashboard() {
        return dashboard;
    }

    /** The console address of the dashboard, in the stack's region. */
    String url() {
        String region = Stack.of(this).getRegion();
        return "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region + "#dashboards/dashboard/"
                + dashboard.getDashboardName();
    }

    /** One of the tasks' EMF metrics, with {@code Service} and, when it has one, its extra dimension set to {@code value}. */
    private static Metric ours(UpgradeMetric metric, String value, String statistic) {
        Map<String, String> dimensions = metric.dimension() == null
                ? Map.of("Service", TaskFunctions.SERVICE_NAME)
                : Map.of("Service", TaskFunctions.SERVICE_NAME, metric.dimension(), value);
        return Metric.Builder.create()
                .namespace(UpgradeMetric.NAMESPACE)
                .metricName(metric.metricName())
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(PERIOD)
                .label(value == null ? metric.metricName() + " " + statistic : value)
                .build();
    }

    private static MetricOptions labelled(MetricOptions sum, TaskCatalog task) {
        return MetricOptions.builder().period(sum.getPeriod()).statistic(sum.getStatistic()).label(task.functionName()).build();
    }

    private static GraphWidget graph(String title, List<? extends IMetric> metrics, boolean stacked) {
        return GraphWidget.Builder.create().title(title).left(new ArrayList<>(metrics)).stacked(stacked).width(12).height(6).build();
    }
}
