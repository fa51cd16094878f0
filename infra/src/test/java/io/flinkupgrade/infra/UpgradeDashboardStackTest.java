package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.observe.UpgradeMetric;
import io.flinkupgrade.wiring.TaskCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The dashboard as CloudFormation gets it: its body is a JSON document joined from literal parts and
 * references (the state machine, the aliases, the table), read here with each reference as its
 * logical id.
 */
class UpgradeDashboardStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The dashboard body with each {@code Ref}/{@code Fn::GetAtt}/pseudo parameter rendered as {@code <logical id>}. */
    private static JsonNode body() throws Exception {
        Map<String, Object> dashboard = TestStacks.properties(TestStacks.logicalId("AWS::CloudWatch::Dashboard",
                Map.of("DashboardName", UpgradeDashboard.DASHBOARD_NAME)));
        Object body = dashboard.get("DashboardBody");
        StringBuilder text = new StringBuilder();
        if (body instanceof String literal) {
            text.append(literal);
        } else {
            List<?> parts = (List<?>) ((List<?>) ((Map<?, ?>) body).get("Fn::Join")).get(1);
            for (Object part : parts) {
                text.append(part instanceof String literal ? literal : "<" + reference((Map<?, ?>) part) + ">");
            }
        }
        return JSON.readTree(text.toString());
    }

    private static String reference(Map<?, ?> part) {
        Object ref = part.containsKey("Ref") ? part.get("Ref") : ((List<?>) part.get("Fn::GetAtt")).get(0);
        return String.valueOf(ref);
    }

    /**
     * Every metric of the widget titled {@code title}, as [namespace, name, "dimension=value"...] with the
     * dimensions sorted: CloudWatch reads them as a set, whatever their order in the body.
     */
    private static List<List<String>> metrics(JsonNode body, String title) {
        List<List<String>> metrics = new ArrayList<>();
        for (JsonNode widget : body.path("widgets")) {
            if (widget.path("properties").path("title").asText().equals(title)) {
                for (JsonNode metric : widget.path("properties").path("metrics")) {
                    List<String> parts = StreamSupport.stream(metric.spliterator(), false).filter(JsonNode::isTextual).map(JsonNode::asText).toList();
                    List<String> normalised = new ArrayList<>(parts.subList(0, 2));
                    List<String> dimensions = new ArrayList<>();
                    for (int i = 2; i + 1 < parts.size(); i += 2) {
                        dimensions.add(parts.get(i) + "=" + parts.get(i + 1));
                    }
                    dimensions.sort(null);
                    normalised.addAll(dimensions);
                    metrics.add(normalised);
                }
            }
        }
        assertThat(metrics).as("metrics of the widget titled %s", title).isNotEmpty();
        return metrics;
    }

    @Test
    void executionsByStatus_areTheUpgradeStateMachinesOwnMetrics() throws Exception {
        String stateMachine = "<" + TestStacks.upgradeStateMachineId() + ">";

        assertThat(metrics(body(), "Executions by status")).extracting(m -> m.get(1))
                .containsExactly("ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted");
        assertThat(metrics(body(), "Executions by status")).allSatisfy(m -> assertThat(m)
                .startsWith("AWS/States").contains("StateMachineArn=" + stateMachine));
    }

    @Test
    void outcomesAndDurations_areTheTasksEmfMetrics_perOutcome() throws Exception {
        assertThat(metrics(body(), "Upgrades by outcome")).containsExactlyInAnyOrder(
                ours("Upgrades", "Outcome", "UPGRADED"), ours("Upgrades", "Outcome", "ROLLED_BACK"),
                ours("Upgrades", "Outcome", "REJECTED"), ours("Upgrades", "Outcome", "FAILED"));
        assertThat(metrics(body(), "Upgrade duration (average, seconds)")).contains(ours("UpgradeDuration", "Outcome", "ROLLED_BACK"));
        assertThat(metrics(body(), "Time to detect an unhealthy upgrade (seconds)"))
                .allSatisfy(m -> assertThat(m).isEqualTo(List.of(UpgradeMetric.NAMESPACE, "TimeToDetect", "Service=flink-upgrade")));
        assertThat(metrics(body(), "Health checks by verdict, and rollbacks"))
                .contains(ours("HealthChecks", "Verdict", "UNHEALTHY"), List.of(UpgradeMetric.NAMESPACE, "Rollbacks", "Service=flink-upgrade"));
    }

    private static List<String> ours(String metric, String dimension, String value) {
        List<String> dimensions = new ArrayList<>(List.of(dimension + "=" + value, "Service=flink-upgrade"));
        dimensions.sort(null);
        List<String> expected = new ArrayList<>(List.of(UpgradeMetric.NAMESPACE, metric));
        expected.addAll(dimensions);
        return expected;
    }

    @Test
    void errorsAndThrottles_coverEveryTaskFunction() throws Exception {
        JsonNode body = body();
        for (String title : List.of("Task errors", "Task throttles")) {
            assertThat(metrics(body, title)).hasSize(TaskCatalog.values().length).allSatisfy(m -> assertThat(m).startsWith("AWS/Lambda"));
        }
        for (TaskCatalog task : TaskCatalog.values()) {
            String function = "FunctionName=<" + TestStacks.functionId(task) + ">";
            assertThat(metrics(body, "Task errors")).anySatisfy(m -> assertThat(m).contains("Errors", function));
            assertThat(metrics(body, "Task throttles")).anySatisfy(m -> assertThat(m).contains("Throttles", function));
        }
    }

    @Test
    void theLeaseTablesThrottledReadsAndWrites_areCharted() throws Exception {
        String table = "<" + TestStacks.template().findResources("AWS::DynamoDB::Table").keySet().iterator().next() + ">";

        assertThat(metrics(body(), "Lease table throttled requests")).extracting(m -> m.get(1))
                .containsExactly("ReadThrottleEvents", "WriteThrottleEvents");
        assertThat(metrics(body(), "Lease table throttled requests")).allSatisfy(m -> assertThat(m).startsWith("AWS/DynamoDB")
                .contains("TableName=" + table));
    }

    @Test
    void theDashboardsConsoleAddress_isAStackOutput() {
        assertThat(TestStacks.template().findOutputs("DashboardUrl").get("DashboardUrl").get("Value").toString())
                .contains("console.aws.amazon.com/cloudwatch/home?region=", "#dashboards/dashboard/");
    }
}
