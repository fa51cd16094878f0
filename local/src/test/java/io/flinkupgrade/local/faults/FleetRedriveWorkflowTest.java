package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.readJson;
import static io.flinkupgrade.local.faults.WorkflowRuns.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.local.runtime.FleetResult;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fleet whose items meet the upgrade executions they started before (issue 12): a redriven Map Run re-runs its
 * unsuccessful items, and an item retried after its start succeeded starts the same name again. StartExecution
 * refuses a name whose execution ended with ExecutionAlreadyExists, which the item now follows
 * (FollowStartedUpgrade) instead of reporting FAILED for an upgrade that happened.
 *
 * <p>The local engine does not redrive; a second execution under the same fleet execution name does to the items what
 * a redrive does: they carry the same child execution names. The fleet is events/fleet-small-input.json in one wave
 * (canary 0, 3 at once) on the fleet-mixed applications, whose payments-03 restart-loops on FLINK-1_20: the upgrades
 * land together, so the second run comes while the plan still counts the upgraded applications as in flight and plans
 * them again rather than skipping them.
 */
class FleetRedriveWorkflowTest {
    private static final String FLEET = "fleet-FLINK-1_20";
    private static final List<String> APPLICATIONS = List.of("payments-01", "payments-02", "payments-03");

    private static JsonNode input() {
        ObjectNode input = (ObjectNode) readJson(repoFile("events", "fleet-small-input.json"));
        ((ObjectNode) input.path("rollout")).put("canarySize", 0).put("maxConcurrency", 3);
        return input;
    }

    @Test
    void aSecondRunOfTheSameFleetExecution_followsTheUpgradesStartedBefore_reportsTheirOutcomes_andChangesNothing() {
        JsonNode input = input();
        try (LocalUpgrade.Session session = LocalUpgrade.session(WorkflowRuns.DEFINITION, Scenario.load("fleet-mixed"), e -> { }, n -> { })) {
            FleetResult first = session.runFleet(input, FLEET);
            FleetInvariants.check(first, input);
            assertThat(APPLICATIONS).map(first::outcomeOf).containsExactly("UPGRADED", "UPGRADED", "ROLLED_BACK");
            assertThat(first.outcome().path("alreadyStarted")).isEmpty();

            FleetResult again = session.runFleet(input, FLEET);

            FleetInvariants.check(again, input);
            assertThat(again.upgrades()).as("upgrade executions started by the second run").isEmpty();
            assertThat(again.mutatingCalls()).as("mutating calls of the second run").isEmpty();
            assertThat(again.outcomeName()).isEqualTo(first.outcomeName());
            for (String name : APPLICATIONS) {
                ExecutionDescription firstUpgrade = first.upgrades().stream()
                        .filter(u -> u.input().path("applicationName").asText().equals(name)).findFirst().orElseThrow();
                assertThat(again.outcomeOf(name)).as("%s: its first upgrade's outcome", name)
                        .isEqualTo(firstUpgrade.output().path("outcome").asText())
                        .isNotEqualTo("FAILED");
            }
            assertThat(again.outcome().path("alreadyStarted")).extracting(JsonNode::asText).containsExactlyElementsOf(APPLICATIONS);
            JsonNode rolledBack = again.outcome().path("problems").get(0);
            JsonNode firstRolledBack = first.outcome().path("problems").get(0);
            assertThat(rolledBack.path("applicationName").asText()).isEqualTo("payments-03");
            assertThat(rolledBack.path("note").asText()).isEqualTo("already started");
            assertThat(rolledBack.path("executionArn")).isEqualTo(firstRolledBack.path("executionArn"));
            assertThat(rolledBack.path("reason")).isEqualTo(firstRolledBack.path("reason"));
        }
    }
}
