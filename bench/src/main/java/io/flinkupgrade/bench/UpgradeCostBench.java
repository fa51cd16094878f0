package io.flinkupgrade.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one upgrade consumes of what AWS bills, counted from a local run: the inputs of infra/DEPLOY.md's cost estimate.
 * Per scenario: Standard-workflow state transitions (states entered plus retries, as Step Functions bills them),
 * task invocations by integration (Lambda, DynamoDB, SNS, EventBridge), CloudWatch metrics requested through
 * GetMetricData (billed per metric) and other CloudWatch requests, and MSF requests (not billed).
 */
public final class UpgradeCostBench {
    private UpgradeCostBench() {}

    public static void main(String[] args) throws IOException {
        JsonNode input = TaskJson.mapper().readTree(Files.readString(Path.of(args[0])));
        StateMachineDefinition workflow = LocalUpgrade.definition(Optional.empty());
        Map<String, String> resources = new HashMap<>();
        collectResources(workflow.json(), resources);
        for (int i = 1; i < args.length; i++) {
            LocalUpgrade.Result result = LocalUpgrade.run(workflow, input, Scenario.load(args[i]), e -> { }, n -> { });
            Map<String, Integer> counts = new TreeMap<>();
            for (HistoryEvent event : result.execution().history()) {
                if (event.type() == HistoryEventType.STATE_ENTERED || event.type() == HistoryEventType.RETRY_SCHEDULED) {
                    counts.merge("state transitions", 1, Integer::sum);
                }
                if (event.type() == HistoryEventType.TASK_SCHEDULED) {
                    counts.merge(integration(resources.get(event.stateName())), 1, Integer::sum);
                }
            }
            for (RecordedCall call : result.calls()) {
                if (call.failed()) {
                    continue;
                }
                if (call.operation().equals("GetMetricData")) {
                    int metrics = 0;
                    for (JsonNode query : call.request().path("MetricDataQueries")) {
                        metrics += query.has("MetricStat") ? 1 : 0;
                    }
                    counts.merge("cloudwatch GetMetricData calls", 1, Integer::sum);
                    counts.merge("cloudwatch metrics requested", metrics, Integer::sum);
                } else {
                    counts.merge(call.service() + " " + call.operation(), 1, Integer::sum);
                }
            }
            System.out.printf("%s (%s, %s of virtual time)%n", args[i], result.outcomeName(),
                    java.time.Duration.between(result.execution().startTime(), result.execution().stopTime())
                            .toString().substring(2).toLowerCase());
            counts.forEach((what, count) -> System.out.printf("  %-50s %5d%n", what, count));
        }
    }

    /** Task state name -> Resource, through Parallel branches and Map processors. */
    private static void collectResources(JsonNode node, Map<String, String> resources) {
        node.path("States").fields().forEachRemaining(state -> {
            if (state.getValue().has("Resource")) {
                resources.put(state.getKey(), state.getValue().path("Resource").asText());
            }
            state.getValue().path("Branches").forEach(branch -> collectResources(branch, resources));
            collectResources(state.getValue().path("ItemProcessor"), resources);
            collectResources(state.getValue().path("Iterator"), resources);
        });
    }

    private static String integration(String resource) {
        if (resource == null) {
            return "tasks of unknown resource";
        }
        if (resource.startsWith("arn:aws:states:::")) {
            return "task " + resource.substring("arn:aws:states:::".length()).replaceAll("\\..*$", "");
        }
        return resource.contains(":function:") ? "lambda invocations" : "task " + resource;
    }
}
