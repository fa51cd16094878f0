package io.flinkupgrade.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.report.UpgradeReport.Bake;
import io.flinkupgrade.report.UpgradeReport.Fact;
import io.flinkupgrade.report.UpgradeReport.MetricPlot;
import io.flinkupgrade.report.UpgradeReport.Point;
import io.flinkupgrade.report.UpgradeReport.StateVisit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportGathererTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2025-06-02T09:00:00Z");

    private static final String PLAN = """
            {"request": {"applicationName": "orders-enricher", "health": {"maxFullRestarts": 0, "restartWindowSeconds": 600,
              "maxDowntimeMillis": 60000, "maxFailedCheckpoints": 2,
              "lag": {"metricName": "millisBehindLatest", "maxIncreasePercent": 50, "absoluteSlack": 0},
              "extraMetrics": [{"namespace": "AWS/KinesisAnalytics", "metricName": "numRecordsOutPerSecond",
                "statistic": "Average", "comparison": "LessThanThreshold", "threshold": 1}]}},
             "baseline": {"restarts": 3, "failedCheckpoints": 0, "lag": 1000}}
            """;
    private static final String OUTCOME = """
            {"outcome": "ROLLED_BACK", "applicationName": "orders-enricher", "fromRuntime": "FLINK-1_15",
             "toRuntime": "FLINK-1_20", "runtimeAfter": "FLINK-1_15", "versionBefore": 7, "versionAfter": 9,
             "snapshotName": "upgrade-orders-enricher-FLINK-1_20", "rollbackMethod": "ROLLBACK_APPLICATION",
             "reasons": ["unhealthy: 1 failed checks", "FAIL: fullRestarts rose by 1"],
             "startedAt": "2025-06-02T09:00:00Z", "finishedAt": "2025-06-02T09:14:30Z"}
            """;

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static String verdict(String verdict, long seconds, String observed) {
        return "{\"verdict\": \"" + verdict + "\", \"done\": false, \"reasons\": [\"headline\", \"detail\"], \"checkedAt\": \""
                + at(seconds) + "\", \"observed\": {" + observed + "}}";
    }

    private static List<ExecutionEvent> history() {
        return List.of(
                ExecutionEvent.entered(at(0), "Preflight"),
                ExecutionEvent.exited(at(0), "Preflight", PLAN),
                ExecutionEvent.entered(at(120), "CheckHealth"),
                ExecutionEvent.exited(at(121), "CheckHealth", verdict("PENDING", 120,
                        "\"restarts.increase\": 0, \"lag.latest\": 1200, \"lag.bound\": 1500,"
                                + " \"extra.numRecordsOutPerSecond.Average\": 40")),
                ExecutionEvent.entered(at(180), "CheckHealth"),
                ExecutionEvent.exited(at(180), "CheckHealth", verdict("UNHEALTHY", 180,
                        "\"restarts.increase\": 1, \"lag.latest\": 1800, \"lag.bound\": 1500")),
                ExecutionEvent.entered(at(180), "Rollback"),
                ExecutionEvent.exited(at(181), "Rollback", "{\"method\": \"ROLLBACK_APPLICATION\"}"),
                ExecutionEvent.entered(at(300), "CheckRollbackHealth"),
                ExecutionEvent.exited(at(300), "CheckRollbackHealth", "{\"Error\": \"States.Timeout\", \"Cause\": \"late\"}"),
                ExecutionEvent.entered(at(360), "CheckRollbackHealth"),
                ExecutionEvent.exited(at(360), "CheckRollbackHealth", verdict("HEALTHY", 360, "\"restarts.increase\": 0")),
                ExecutionEvent.entered(at(361), "Notify"));
    }

    private static UpgradeReport report() throws Exception {
        return ReportGatherer.gather(JSON.readTree(OUTCOME), history());
    }

    private static MetricPlot plot(UpgradeReport report, String title) {
        return report.plots().stream().filter(p -> p.title().equals(title)).findFirst().orElseThrow();
    }

    @Test
    void timeline_hasOneVisitPerEntry_withItsDuration_andAnOpenVisitForAStateNotYetLeft() throws Exception {
        List<StateVisit> timeline = report().timeline();

        assertThat(timeline).extracting(StateVisit::state).containsExactly("Preflight", "CheckHealth", "CheckHealth",
                "Rollback", "CheckRollbackHealth", "CheckRollbackHealth", "Notify");
        assertThat(timeline.get(1).duration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(timeline.get(6).left()).isNull();
    }

    @Test
    void checks_areEveryVerdictOfBothBakes_andAFailedCheckWithoutAVerdictIsNotOne() throws Exception {
        UpgradeReport report = report();

        assertThat(report.checks()).extracting(c -> c.bake() + " " + c.verdict())
                .containsExactly("UPGRADE PENDING", "UPGRADE UNHEALTHY", "ROLLBACK HEALTHY");
        assertThat(report.checks().get(1).checkedAt()).isEqualTo(at(180));
    }

    @Test
    void restarts_areDrawnAgainstTheConfiguredLimit_withThePreUpgradeCounterStatedNotDrawn() throws Exception {
        MetricPlot restarts = plot(report(), "Restarts in the restart window");

        assertThat(restarts.points()).containsExactly(new Point(Bake.UPGRADE, at(120), 0), new Point(Bake.UPGRADE, at(180), 1),
                new Point(Bake.ROLLBACK, at(360), 0));
        assertThat(restarts.threshold()).isEqualTo(0.0);
        assertThat(restarts.baseline()).isNull();
        assertThat(restarts.note()).contains("restart counter stood at 3");
    }

    @Test
    void lag_isDrawnAgainstItsBound_andThePreUpgradeBaseline() throws Exception {
        MetricPlot lag = plot(report(), "Lag: millisBehindLatest");

        assertThat(lag.points()).extracting(Point::value).containsExactly(1200.0, 1800.0);
        assertThat(lag.threshold()).isEqualTo(1500.0);
        assertThat(lag.baseline()).isEqualTo(1000.0);
    }

    @Test
    void anExtraMetric_isDrawnAgainstItsThreshold_andAQuantityNoCheckObservedHasNoChart() throws Exception {
        UpgradeReport report = report();

        assertThat(plot(report, "numRecordsOutPerSecond Average").threshold()).isEqualTo(1.0);
        assertThat(plot(report, "numRecordsOutPerSecond Average").rule()).contains("LessThanThreshold 1");
        assertThat(report.plots()).extracting(MetricPlot::title)
                .containsExactly("Restarts in the restart window", "Lag: millisBehindLatest", "numRecordsOutPerSecond Average");
    }

    @Test
    void decision_carriesTheOutcomeReasonsRuntimesVersionsAndSnapshot() throws Exception {
        UpgradeReport report = report();

        assertThat(report.title()).isEqualTo("orders-enricher: FLINK-1_15 -> FLINK-1_20");
        assertThat(report.decision().outcome()).isEqualTo("ROLLED_BACK");
        assertThat(report.decision().reasons()).containsExactly("unhealthy: 1 failed checks", "FAIL: fullRestarts rose by 1");
        assertThat(report.decision().facts()).contains(new Fact("runtime", "FLINK-1_15 -> FLINK-1_20"),
                new Fact("runs now", "FLINK-1_15"), new Fact("version", "7 -> 9"),
                new Fact("snapshot", "upgrade-orders-enricher-FLINK-1_20"), new Fact("took", "14m30s"));
        assertThat(report.decision().manualStep()).isNull();
    }

    @Test
    void aStateOutputThatIsNotJson_namesTheStateInsteadOfDrawingAPartialReport() {
        JsonNode outcome = JSON.createObjectNode().put("outcome", "UPGRADED");
        List<ExecutionEvent> truncated = List.of(ExecutionEvent.exited(at(0), "Preflight", "{\"request\": {\"appl..."));

        assertThatThrownBy(() -> ReportGatherer.gather(outcome, truncated))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the output of Preflight");
    }
}
