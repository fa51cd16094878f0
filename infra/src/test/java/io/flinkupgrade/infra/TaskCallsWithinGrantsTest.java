package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.local.runtime.FleetResult;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.local.runtime.TaskCall;
import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every AWS call each task's handler makes, in every bundled scenario run through the real workflow
 * (the local runtime knows which task is running; the emulator sees each call), is within the IAM
 * actions that task's role is granted in the synthesised stack. The grants are read from the
 * template, not from {@link TaskCatalog}, so a wrong grant in CDK fails here, not with AccessDenied
 * in AWS. Resource scoping is the stack tests' concern; this test is about actions.
 */
class TaskCallsWithinGrantsTest {
    private static final List<Observed> OBSERVED = new ArrayList<>();

    /** One call, and the scenario it was made in, for the failure message. */
    private record Observed(TaskCall call, String scenario) {}

    @BeforeAll
    static void runEveryBundledScenario() {
        var definition = LocalUpgrade.definition(Optional.empty());
        JsonNode input = json("events/console-input.json");
        JsonNode fleetInput = json("events/fleet-input.json");
        for (String scenario : Scenario.bundledNames()) {
            if (scenario.startsWith("fleet-")) {
                // The fleet scenarios are the payments fleet: the fleet workflow runs PlanFleet, then each application's upgrade.
                FleetResult result = LocalUpgrade.runFleet(definition, fleetInput, Scenario.load(scenario), event -> { }, n -> { });
                result.taskCalls().forEach(call -> OBSERVED.add(new Observed(call, scenario)));
                continue;
            }
            LocalUpgrade.Result result = LocalUpgrade.run(definition, input, Scenario.load(scenario), event -> { }, n -> { });
            result.taskCalls().forEach(call -> OBSERVED.add(new Observed(call, scenario)));
        }
    }

    @Test
    void everyTask_wasExercisedAndMadeCalls() {
        Set<TaskCatalog> calling = new TreeSet<>();
        OBSERVED.forEach(o -> calling.add(o.call().task()));

        // A task granted nothing (RecordOutcome) must call nothing: the next test fails on any call of it.
        List<TaskCatalog> granted = Arrays.stream(TaskCatalog.values()).filter(task -> !task.iamActions().isEmpty()).toList();
        assertThat(calling).as("tasks whose AWS calls the bundled scenarios recorded; a task with none proves nothing here")
                .containsExactlyInAnyOrderElementsOf(granted);
    }

    @Test
    void everyCallOfEveryTask_isAnActionItsRoleIsGranted() {
        Map<TaskCatalog, List<String>> granted = grantedActions();
        SoftAssertions soft = new SoftAssertions();
        Set<String> reported = new LinkedHashSet<>();
        for (Observed observed : OBSERVED) {
            TaskCatalog task = observed.call().task();
            String action = observed.call().iamAction();
            if (!allows(granted.get(task), action) && reported.add(task + " " + action)) {
                soft.fail("task %s (state %s) called %s in scenario %s, but its role in the stack grants only %s",
                        task.functionName(), observed.call().stateName(), action, observed.scenario(), granted.get(task));
            }
        }
        soft.assertAll();
    }

    /** The actions each task function's role is allowed, read from the role's policies in the synthesised template. */
    private static Map<TaskCatalog, List<String>> grantedActions() {
        Map<TaskCatalog, List<String>> granted = new EnumMap<>(TaskCatalog.class);
        for (TaskCatalog task : TaskCatalog.values()) {
            String role = TestStacks.roleOf(TestStacks.properties(TestStacks.functionId(task)).get("Role"));
            List<String> actions = new ArrayList<>();
            TestStacks.statementsOfRole(role).stream()
                    .filter(statement -> "Allow".equals(statement.get("Effect")))
                    .forEach(statement -> TestStacks.asList(statement.get("Action")).forEach(a -> actions.add((String) a)));
            granted.put(task, actions);
        }
        return granted;
    }

    /** IAM matches actions case-insensitively, with * and ? wildcards. */
    private static boolean allows(List<String> granted, String action) {
        return granted.stream().anyMatch(g -> Pattern.compile(Pattern.quote(g).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"),
                Pattern.CASE_INSENSITIVE).matcher(action).matches());
    }

    private static JsonNode json(String file) {
        try {
            return TaskJson.mapper().readTree(TestStacks.root().resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
