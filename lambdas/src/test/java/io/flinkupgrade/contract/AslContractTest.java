package io.flinkupgrade.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.UpgradeException;
import io.flinkupgrade.observe.ExecutionContext;
import io.flinkupgrade.support.RepoFiles;
import io.flinkupgrade.wiring.HandlerTypes;
import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.TaskJson;
import io.flinkupgrade.wiring.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The workflow file against its contracts: graph shape, substitutions, error names, outcomes. */
class AslContractTest {
    private static final Set<String> OUTCOMES = Set.of("UPGRADED", "ROLLED_BACK", "REJECTED", "FAILED");
    private static final String ERRORS_PACKAGE = "io.flinkupgrade.errors.";

    private final String text = read();
    private final JsonNode asl = parse(text);
    private final JsonNode states = asl.get("States");

    private static String read() {
        try {
            return Files.readString(RepoFiles.asl());
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

    /** Every state of the file, inner Parallel/Map states included, with the scope its transitions stay in. */
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

    private static List<String> targets(JsonNode state) {
        List<String> next = new ArrayList<>();
        if (state.has("Next")) {
            next.add(state.get("Next").asText());
        }
        if (state.has("Default")) {
            next.add(state.get("Default").asText());
        }
        state.path("Choices").forEach(c -> next.add(c.get("Next").asText()));
        state.path("Catch").forEach(c -> next.add(c.get("Next").asText()));
        return next;
    }

    private static Set<String> reachable(JsonNode scope, String start, Set<String> stopAt) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name) && !stopAt.contains(name)) {
                targets(scope.get(name)).forEach(todo::push);
            }
        }
        return seen;
    }

    @Test
    void definition_isJsonataEverywhere() {
        assertThat(asl.get("QueryLanguage").asText()).isEqualTo("JSONata");
        assertThat(allStates(states).values()).allSatisfy(s ->
                assertThat(s.path("QueryLanguage").asText("JSONata")).isEqualTo("JSONata"));
    }

    @Test
    void everyTransitionTarget_existsInItsScope() {
        checkTargets(states);
    }

    private void checkTargets(JsonNode scope) {
        scope.fields().forEachRemaining(e -> {
            assertThat(targets(e.getValue())).as("targets of " + e.getKey()).allSatisfy(t -> assertThat(scope.has(t)).isTrue());
            e.getValue().path("Branches").forEach(b -> checkTargets(b.get("States")));
        });
    }

    @Test
    void everyState_isReachableFromStartAt() {
        Set<String> unreachable = new TreeSet<>();
        states.fieldNames().forEachRemaining(unreachable::add);
        unreachable.removeAll(reachable(states, asl.get("StartAt").asText(), Set.of()));

        assertThat(unreachable).isEmpty();
    }

    @Test
    void substitutions_areExactlyTheCatalogsTasksAndIntegrations() {
        Set<String> placeholders = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(text);
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        Set<String> provided = new TreeSet<>(Workflow.UPGRADE.integrationSubstitutions());
        Workflow.UPGRADE.tasks().stream().map(TaskCatalog::substitutionKey).forEach(provided::add);

        assertThat(placeholders).isEqualTo(provided);
    }

    @Test
    void everyLambdaTask_retriesTransientErrorsHasATimeoutAndCatchesEverythingLast() {
        Map<String, JsonNode> lambdaTasks = allStates(states).entrySet().stream()
                .filter(e -> e.getValue().path("Resource").asText().endsWith("FunctionArn}"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(lambdaTasks).hasSizeGreaterThanOrEqualTo(Workflow.UPGRADE.tasks().size());
        lambdaTasks.forEach((name, task) -> {
            assertThat(task.has("TimeoutSeconds")).as(name + " TimeoutSeconds").isTrue();
            assertThat(errorNames(task.get("Retry"))).as(name + " retries").contains(
                    ERRORS_PACKAGE + "TransientServiceException", "States.Timeout", "Lambda.ServiceException", "Lambda.TooManyRequestsException");
            JsonNode catches = task.get("Catch");
            assertThat(catches.get(catches.size() - 1).get("ErrorEquals")).as(name + " last Catch")
                    .containsExactly(TaskJson.mapper().getNodeFactory().textNode("States.ALL"));
        });
    }

    /**
     * Every Lambda task passes the same {@code execution} argument, which its handler's request
     * record carries into every log line ({@link ExecutionContext}).
     */
    @Test
    void everyLambdaTask_passesTheExecutionContext() {
        Map<String, JsonNode> lambdaTasks = allStates(states).entrySet().stream()
                .filter(e -> e.getValue().path("Resource").asText().endsWith("FunctionArn}"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(lambdaTasks).isNotEmpty().allSatisfy((name, task) -> assertThat(task.path("Arguments").path("execution").asText())
                .as(name + " Arguments.execution").isEqualTo(ExecutionContext.ASL_ARGUMENT));
        assertThat(TaskCatalog.values()).allSatisfy(task -> assertThat(HandlerTypes.input(task.handlerClass()))
                .as(task + "'s request record").satisfies(type -> assertThat(((Class<?>) type).getRecordComponents())
                        .anySatisfy(component -> {
                            assertThat(component.getName()).isEqualTo("execution");
                            assertThat(component.getType()).isEqualTo(ExecutionContext.class);
                        })));
    }

    @Test
    void statesAll_onlyEverAppearsAloneAndLast() {
        allStates(states).forEach((name, state) -> Stream.of("Retry", "Catch").forEach(field -> {
            JsonNode rules = state.path(field);
            for (int i = 0; i < rules.size(); i++) {
                List<String> errors = errorNames(TaskJson.mapper().createArrayNode().add(rules.get(i)));
                if (errors.contains("States.ALL")) {
                    assertThat(errors).as(name + " " + field).containsExactly("States.ALL");
                    assertThat(i).as(name + " " + field + " States.ALL position").isEqualTo(rules.size() - 1);
                }
            }
        }));
    }

    @Test
    void customErrorNames_areExactlyThePermittedUpgradeExceptions() {
        Set<String> named = allStates(states).values().stream()
                .flatMap(s -> Stream.concat(errorNames(s.path("Retry")).stream(), errorNames(s.path("Catch")).stream()))
                .filter(e -> e.startsWith("io."))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> permitted = Arrays.stream(UpgradeException.class.getPermittedSubclasses()).map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(named).as("every error the ASL names is one the handlers throw, and every one is handled").isEqualTo(permitted);
        assertThat(permitted).allSatisfy(name -> assertThat(name).startsWith(ERRORS_PACKAGE).doesNotContain("$"));
    }

    /**
     * No path reaches the end without an outcome: from StartAt, stopping at the states that assign
     * {@code outcome}, every terminal state reached must put an outcome in its own Output; every
     * terminal after them must carry {@code $outcome}.
     */
    @Test
    void everyTerminalPath_endsWithAnOutcome() {
        Set<String> assigners = new HashSet<>();
        states.fields().forEachRemaining(e -> {
            if (e.getValue().path("Assign").has("outcome")) {
                assigners.add(e.getKey());
                String expression = e.getValue().get("Assign").get("outcome").asText();
                // AdviseManualStep refines the outcome a FAILED state assigned: it must keep it, not replace it.
                if (!expression.contains("$merge([$outcome, ")) {
                    assertThat(OUTCOMES).as(e.getKey() + " assigns a known outcome")
                            .anySatisfy(o -> assertThat(expression).contains("'outcome': '" + o + "'"));
                }
            }
        });
        assertThat(assigners).hasSizeGreaterThanOrEqualTo(OUTCOMES.size());

        for (String name : reachable(states, asl.get("StartAt").asText(), assigners)) {
            JsonNode state = states.get(name);
            if (isTerminal(state)) {
                assertThat(state.path("Output").asText()).as(name + " ends before any outcome is assigned").contains("'outcome'");
            }
        }
        Set<String> afterOutcome = new HashSet<>();
        assigners.forEach(a -> afterOutcome.addAll(reachable(states, a, Set.of())));
        afterOutcome.stream().map(states::get).filter(AslContractTest::isTerminal).forEach(terminal ->
                assertThat(terminal.path("Output").asText() + terminal.path("Cause").asText()).contains("$outcome"));
    }

    private static boolean isTerminal(JsonNode state) {
        String type = state.get("Type").asText();
        return type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
    }

    private static List<String> errorNames(JsonNode rules) {
        List<String> names = new ArrayList<>();
        rules.forEach(r -> r.get("ErrorEquals").forEach(e -> names.add(e.asText())));
        return names;
    }
}
