package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.consoleInput;
import static io.flinkupgrade.local.faults.WorkflowRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.local.runtime.LocalReport;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.report.UpgradeReport;
import io.flinkupgrade.report.UpgradeReport.Bake;
import io.flinkupgrade.report.UpgradeReport.Fact;
import io.flinkupgrade.report.UpgradeReport.HealthCheck;
import io.flinkupgrade.report.UpgradeReport.MetricPlot;
import io.flinkupgrade.report.UpgradeReport.Point;
import io.flinkupgrade.report.UpgradeReport.StateVisit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report of whole upgrades: what it draws is what the workflow's checks judged (the numbers in
 * each CheckHealth output), so a rollback's chart shows the value that crossed the line.
 */
class UpgradeReportWorkflowTest {

    private static UpgradeReport report(String scenario, JsonNode input) {
        LocalUpgrade.Result result = run(scenario, input);
        UpgradeInvariants.check(result, input);
        return LocalReport.of(result);
    }

    private static MetricPlot plot(UpgradeReport report, String title) {
        return report.plots().stream().filter(p -> p.title().equals(title)).findFirst().orElseThrow();
    }

    private static List<Double> values(MetricPlot plot, Bake bake) {
        return plot.points().stream().filter(p -> p.bake() == bake).map(Point::value).toList();
    }

    @Test
    void aRestartLoop_isDrawnAboveTheRestartLimit_thenTheRollbackBakeWithinIt() {
        UpgradeReport report = report("incompatible-state", consoleInput());

        MetricPlot restarts = plot(report, "Restarts in the restart window");
        assertThat(restarts.threshold()).isEqualTo(0.0);
        assertThat(values(restarts, Bake.UPGRADE)).containsExactly(1.0);
        assertThat(values(restarts, Bake.ROLLBACK)).isNotEmpty().allMatch(v -> v <= restarts.threshold());
        assertThat(report.checks()).first().extracting(HealthCheck::bake, HealthCheck::verdict)
                .containsExactly(Bake.UPGRADE, "UNHEALTHY");
        assertThat(report.checks()).last().extracting(HealthCheck::bake, HealthCheck::verdict)
                .containsExactly(Bake.ROLLBACK, "HEALTHY");
        assertThat(report.decision().outcome()).isEqualTo("ROLLED_BACK");
        assertThat(report.decision().facts()).contains(new Fact("version", "7 -> 9"), new Fact("runs now", "FLINK-1_15"),
                new Fact("rollback", "ROLLBACK_APPLICATION"));
        assertThat(report.timeline()).extracting(StateVisit::state).contains("Preflight", "UpdateApplication", "CheckHealth",
                "Rollback", "CheckRollbackHealth", "RolledBack", "Notify");
        assertThat(report.timeline()).allMatch(v -> v.left() != null && !v.left().isBefore(v.entered()));
    }

    @Test
    void aHealthyUpgrade_drawsEveryCheckOfOneBakeWithinItsLimits() {
        UpgradeReport report = report("healthy-upgrade", consoleInput());

        assertThat(report.checks()).isNotEmpty().allMatch(c -> c.bake() == Bake.UPGRADE);
        assertThat(report.checks()).last().extracting(HealthCheck::verdict).isEqualTo("HEALTHY");
        for (String title : List.of("Restarts in the restart window", "Downtime", "Failed checkpoints since the bake started")) {
            MetricPlot plot = plot(report, title);
            assertThat(plot.points()).as(title).isNotEmpty().allMatch(p -> p.value() <= plot.threshold());
        }
        assertThat(report.decision().facts()).contains(new Fact("version", "7 -> 8"), new Fact("runs now", "FLINK-1_20"));
    }

    @Test
    void growingLag_isDrawnAgainstItsBoundAndThePreUpgradeBaseline() {
        UpgradeReport report = report("growing-lag", consoleInput(i -> i.with("health").putObject("lag")
                .put("metricName", "millisBehindLatest").put("maxIncreasePercent", 50)));

        MetricPlot lag = plot(report, "Lag: millisBehindLatest");
        assertThat(lag.baseline()).isNotNull().isPositive();
        assertThat(lag.threshold()).isEqualTo(lag.baseline() * 1.5);
        assertThat(values(lag, Bake.UPGRADE)).last().isInstanceOfSatisfying(Double.class,
                v -> assertThat(v).isGreaterThan(lag.threshold()));
    }

    @Test
    void aRejectedRequest_hasADecisionAndATimelineButNoBake() {
        JsonNode input = consoleInput(i -> i.put("targetRuntime", "FLINK-1_13"));
        UpgradeReport report = report("healthy-upgrade", input);

        assertThat(report.decision().outcome()).isEqualTo("REJECTED");
        assertThat(report.decision().reasons()).isNotEmpty();
        assertThat(report.checks()).isEmpty();
        assertThat(report.plots()).isEmpty();
        assertThat(report.timeline()).extracting(StateVisit::state).contains("Preflight", "Rejected", "Notify");
    }
}
