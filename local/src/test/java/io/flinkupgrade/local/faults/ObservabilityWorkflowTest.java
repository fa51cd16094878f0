package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.consoleInput;
import static io.flinkupgrade.local.faults.WorkflowRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.observe.UpgradeMetric;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of whole upgrades: the metrics the tasks emit in EMF (counted, timed, by
 * outcome and verdict) and the execution, state and application on every log line of every task.
 */
class ObservabilityWorkflowTest {

    private static List<JsonNode> declaring(LocalUpgrade.Result result, UpgradeMetric metric) {
        return result.metrics().stream().filter(document -> document.has(metric.metricName())).toList();
    }

    @Test
    void aRolledBackUpgrade_isCountedTimedAndItsDetectionTimed_andEveryCheckCountedByVerdict() {
        ObjectNode input = consoleInput();
        LocalUpgrade.Result result = run("incompatible-state", input);
        UpgradeInvariants.check(result, input);

        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        JsonNode upgrades = declaring(result, UpgradeMetric.UPGRADES).get(0);
        Duration duration = Duration.between(Instant.parse(result.outcome().path("startedAt").asText()),
                Instant.parse(result.outcome().path("finishedAt").asText()));
        assertThat(upgrades.path("UpgradeDuration").asLong()).isEqualTo(duration.toSeconds()).isPositive();
        assertThat(upgrades.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("FlinkUpgrade");
        assertThat(upgrades.path("application").asText()).isEqualTo("orders-enricher");

        // From the update to the verdict that found the restart loop: one check after the bake began.
        Instant updated = Instant.parse(readTree(WorkflowRuns.events(result, HistoryEventType.TASK_SUCCEEDED, "UpdateApplication").get(0)
                .detail()).path("startedAt").asText());
        JsonNode detect = declaring(result, UpgradeMetric.TIME_TO_DETECT).get(0);
        assertThat(Instant.parse(unhealthyCheckedAt(result))).isAfter(updated);
        assertThat(detect.path("TimeToDetect").asLong()).isEqualTo(Duration.between(updated, Instant.parse(unhealthyCheckedAt(result))).toSeconds());

        assertThat(declaring(result, UpgradeMetric.ROLLBACKS)).hasSize(1);
        List<String> verdicts = declaring(result, UpgradeMetric.HEALTH_CHECKS).stream().map(d -> d.path("Verdict").asText()).toList();
        assertThat(verdicts).first().isEqualTo("UNHEALTHY");
        assertThat(verdicts).last().isEqualTo("HEALTHY");
        assertThat(verdicts).hasSize(WorkflowRuns.events(result, HistoryEventType.TASK_SUCCEEDED, "CheckHealth").size()
                + WorkflowRuns.events(result, HistoryEventType.TASK_SUCCEEDED, "CheckRollbackHealth").size());
    }

    private static String unhealthyCheckedAt(LocalUpgrade.Result result) {
        return WorkflowRuns.events(result, HistoryEventType.TASK_SUCCEEDED, "CheckHealth").stream()
                .map(event -> readTree(event.detail()))
                .filter(verdict -> verdict.path("verdict").asText().equals("UNHEALTHY"))
                .map(verdict -> verdict.path("checkedAt").asText())
                .findFirst().orElseThrow();
    }

    private static JsonNode readTree(String json) {
        try {
            return TaskJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHealthyUpgrade_isCountedUpgraded_withNoRollbackAndNoTimeToDetect() {
        ObjectNode input = consoleInput();
        LocalUpgrade.Result result = run("healthy-upgrade", input);
        UpgradeInvariants.check(result, input);

        assertThat(declaring(result, UpgradeMetric.UPGRADES)).singleElement()
                .satisfies(document -> assertThat(document.path("Outcome").asText()).isEqualTo("UPGRADED"));
        assertThat(declaring(result, UpgradeMetric.TIME_TO_DETECT)).isEmpty();
        assertThat(declaring(result, UpgradeMetric.ROLLBACKS)).isEmpty();
    }

    @Test
    void everyLineATaskLogs_namesTheExecutionTheStateAndTheApplication() {
        List<JsonNode> lines = new ArrayList<>();
        Configuration configuration = ((LoggerContext) LogManager.getContext(false)).getConfiguration();
        AbstractAppender capture = new AbstractAppender("observability-capture", null, configuration.getAppender("JsonAppender").getLayout(),
                true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(readTree(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8)));
            }
        };
        capture.start();
        configuration.getRootLogger().addAppender(capture, null, null);
        LocalUpgrade.Result result;
        try {
            result = run("incompatible-state", consoleInput());
        } finally {
            configuration.getRootLogger().removeAppender("observability-capture");
        }

        Set<String> lambdaStates = result.execution().history().stream()
                .filter(event -> event.type() == HistoryEventType.TASK_SCHEDULED && event.detail().startsWith("arn:aws:lambda:"))
                .map(event -> event.stateName()).collect(Collectors.toSet());
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("execution").asText()).isEqualTo(result.executionName());
            assertThat(line.path("executionArn").asText()).isEqualTo(result.executionArn());
            assertThat(line.path("application").asText()).isEqualTo("orders-enricher");
            assertThat(line.path("state").asText()).isIn(lambdaStates);
        });
        assertThat(lines).extracting(line -> line.path("state").asText())
                .contains("Preflight", "CheckHealth", "Rollback", "CheckRollbackHealth", "RecordOutcome");
    }
}
