package io.flinkupgrade.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.observe.ExecutionContext;
import io.flinkupgrade.support.RepoFiles;
import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.TaskJson;
import io.flinkupgrade.wiring.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fleet workflow file against its contracts: substitutions, the child upgrade per item, nothing that stops a running child. */
class FleetAslContractTest {
    private final String text = read();
    private final JsonNode asl = parse(text);

    private static String read() {
        try {
            return Files.readString(RepoFiles.root().resolve("statemachine").resolve(Workflow.FLEET.aslFile()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return TaskJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, JsonNode> allStates(JsonNode scope) {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        scope.fields().forEachRemaining(e -> {
            all.put(e.getKey(), e.getValue());
            e.getValue().path("Branches").forEach(b -> all.putAll(allStates(b.get("States"))));
            if (e.getValue().has("ItemProcessor")) {
                all.putAll(allStates(e.getValue().get("ItemProcessor").get("States")));
            }
        });
        return all;
    }

    @Test
    void substitutions_areExactlyTheFleetTasksAndIntegrations() {
        Set<String> placeholders = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(text);
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        Set<String> provided = new TreeSet<>(Workflow.FLEET.integrationSubstitutions());
        Workflow.FLEET.tasks().stream().map(TaskCatalog::substitutionKey).forEach(provided::add);

        assertThat(placeholders).isEqualTo(provided);
    }

    @Test
    void everyMap_isDistributedAndStartsTheUpgradeStateMachinePerItem_withNothingThatStopsItWithTheFleet() {
        List<JsonNode> maps = new ArrayList<>();
        allStates(asl.get("States")).values().stream().filter(s -> s.path("Type").asText().equals("Map")).forEach(maps::add);

        assertThat(maps).isNotEmpty().allSatisfy(map -> {
            assertThat(map.at("/ItemProcessor/ProcessorConfig/Mode").asText()).isEqualTo("DISTRIBUTED");
            // Standard: the item follows its upgrade for as long as the upgrade runs, beyond Express's 5 minutes.
            assertThat(map.at("/ItemProcessor/ProcessorConfig/ExecutionType").asText()).isEqualTo("STANDARD");
            JsonNode start = map.at("/ItemProcessor/States/" + map.at("/ItemProcessor/StartAt").asText());
            // Request Response: a .sync task stops the execution it started when it is stopped itself.
            assertThat(start.path("Resource").asText()).isEqualTo("arn:aws:states:::states:startExecution");
            assertThat(start.at("/Arguments/StateMachineArn").asText()).isEqualTo("${UpgradeStateMachineArn}");
            assertThat(map.at("/ItemProcessor/States").toString()).doesNotContain(".sync", "stopExecution")
                    .contains("arn:aws:states:::aws-sdk:sfn:describeExecution");
        });
    }

    @Test
    void noIteration_everFails_soAMapRunNeverStopsARunningUpgrade() {
        // A Map Run that fails (a tolerated-failure threshold, an iteration error) stops its running child
        // executions (MapRunExecutionCounts.aborted: https://docs.aws.amazon.com/step-functions/latest/apireference/API_MapRunExecutionCounts.html).
        allStates(asl.get("States")).values().stream().filter(s -> s.path("Type").asText().equals("Map")).forEach(map -> {
            assertThat(map.has("ToleratedFailureCount") || map.has("ToleratedFailurePercentage")).isFalse();
            map.at("/ItemProcessor/States").forEach(state -> {
                assertThat(state.path("Type").asText()).isNotEqualTo("Fail");
                if (state.path("Type").asText().equals("Task")) {
                    JsonNode catches = state.get("Catch");
                    assertThat(catches.get(catches.size() - 1).get("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
                }
            });
        });
    }

    @Test
    void everyLambdaTask_passesTheExecutionContextRetriesTransientErrorsHasATimeoutAndCatchesEverythingLast() {
        allStates(asl.get("States")).forEach((name, state) -> {
            if (!state.path("Resource").asText().endsWith("FunctionArn}")) {
                return;
            }
            assertThat(state.has("TimeoutSeconds")).as(name).isTrue();
            assertThat(state.at("/Arguments/execution").asText()).as(name + " execution argument").isEqualTo(ExecutionContext.ASL_ARGUMENT);
            assertThat(state.get("Retry").toString()).as(name).contains("io.flinkupgrade.errors.TransientServiceException", "Lambda.TooManyRequestsException");
            JsonNode catches = state.get("Catch");
            assertThat(catches.get(catches.size() - 1).get("ErrorEquals").get(0).asText()).as(name).isEqualTo("States.ALL");
        });
    }

    @Test
    void everyTransition_namesAStateOfItsScope() {
        checkTransitions(asl.get("States"));
    }

    private static void checkTransitions(JsonNode scope) {
        scope.fields().forEachRemaining(e -> {
            JsonNode state = e.getValue();
            List<String> next = new ArrayList<>();
            if (state.has("Next")) {
                next.add(state.get("Next").asText());
            }
            if (state.has("Default")) {
                next.add(state.get("Default").asText());
            }
            state.path("Choices").forEach(c -> next.add(c.get("Next").asText()));
            state.path("Catch").forEach(c -> next.add(c.get("Next").asText()));
            next.forEach(n -> assertThat(scope.has(n)).as(e.getKey() + " -> " + n).isTrue());
            state.path("Branches").forEach(b -> checkTransitions(b.get("States")));
            if (state.has("ItemProcessor")) {
                checkTransitions(state.get("ItemProcessor").get("States"));
            }
        });
    }
}
