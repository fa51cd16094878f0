package io.flinkupgrade.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The fleet outcome as a person reads it at the end of a fleet. */
class FleetOutcomeTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode outcome(String alreadyStarted) throws Exception {
        return JSON.readTree("""
                {"outcome": "COMPLETED", "applications": {"payments-01": "UPGRADED", "payments-02": "ROLLED_BACK"},
                 "problems": [{"applicationName": "payments-02", "outcome": "ROLLED_BACK", "reason": "restart loop"}],
                 "counts": {"UPGRADED": 1, "ROLLED_BACK": 1}, "alreadyStarted": %s, "reasons": ["Every planned wave ran."]}
                """.formatted(alreadyStarted));
    }

    @Test
    void namesTheApplicationsWhoseUpgradeWasAlreadyStarted_whenThereAreAny() throws Exception {
        assertThat(FleetOutcomeTable.lines(outcome("[\"payments-01\", \"payments-02\"]")))
                .contains("  already started before this run, followed, not started again: payments-01, payments-02")
                .anySatisfy(line -> assertThat(line).contains("payments-02").contains("ROLLED_BACK").endsWith("restart loop"));
        assertThat(FleetOutcomeTable.lines(outcome("[]"))).noneMatch(line -> line.contains("already started"));
    }
}
