package io.flinkupgrade.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The exit codes both command lines give: an upgrade's by its outcome, a fleet's by the most serious thing in it. */
class OutcomeExitCodesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUpgradeExitsWithItsOutcomesCode() {
        assertThat(OutcomeExitCodes.ofUpgrade("UPGRADED")).isZero();
        assertThat(OutcomeExitCodes.ofUpgrade("DRY_RUN")).isZero();
        assertThat(OutcomeExitCodes.ofUpgrade("ROLLED_BACK")).isEqualTo(3);
        assertThat(OutcomeExitCodes.ofUpgrade("REJECTED")).isEqualTo(4);
        assertThat(OutcomeExitCodes.ofUpgrade("FAILED")).isEqualTo(5);
        assertThat(OutcomeExitCodes.ofUpgrade("ABORTED")).as("a stopped upgrade").isEqualTo(5);
    }

    @Test
    void aFleetOfUpgradedAndSkippedApplicationsExitsZero() {
        assertThat(OutcomeExitCodes.ofFleet(fleet("COMPLETED", "UPGRADED", "SKIPPED"))).isZero();
        assertThat(OutcomeExitCodes.ofFleet(fleet("DRY_RUN"))).isZero();
    }

    @Test
    void aFleetExitsWithTheMostSeriousOfItsOutcomes() {
        assertThat(OutcomeExitCodes.ofFleet(fleet("COMPLETED", "UPGRADED", "ROLLED_BACK"))).as("a rollback within tolerance").isEqualTo(3);
        assertThat(OutcomeExitCodes.ofFleet(fleet("HALTED", "UPGRADED", "NOT_STARTED"))).isEqualTo(3);
        assertThat(OutcomeExitCodes.ofFleet(fleet("HALTED", "ROLLED_BACK", "REJECTED"))).isEqualTo(4);
        assertThat(OutcomeExitCodes.ofFleet(fleet("REJECTED"))).as("the request rejected").isEqualTo(4);
        assertThat(OutcomeExitCodes.ofFleet(fleet("COMPLETED", "REJECTED", "FAILED"))).isEqualTo(5);
        assertThat(OutcomeExitCodes.ofFleet(fleet("FAILED"))).as("the plan failed").isEqualTo(5);
    }

    @Test
    void aFleetThatEndedWithoutAnOutcomeExitsAsFailed() {
        assertThat(OutcomeExitCodes.ofFleet(fleet("ABORTED"))).as("stopped").isEqualTo(5);
        assertThat(OutcomeExitCodes.ofFleet(JSON.createObjectNode())).isEqualTo(5);
    }

    private static JsonNode fleet(String outcome, String... applications) {
        ObjectNode document = JSON.createObjectNode().put("outcome", outcome);
        ObjectNode byName = document.putObject("applications");
        for (int i = 0; i < applications.length; i++) {
            byName.put("app-" + i, applications[i]);
        }
        return document;
    }
}
