package io.flinkupgrade.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The child execution name rule: readable, deterministic per fleet execution, within Step Functions' 80 characters. */
class ChildStartTest {
    @Test
    void executionName_isTheApplicationThen8HexDigitsOfSha256OfFleetSlashApplication() {
        // printf 'fleet-1/payments-01' | sha256sum: 9f9b8c2c...
        assertThat(ChildStart.executionName("fleet-1", "payments-01")).isEqualTo("payments-01-9f9b8c2c");
    }

    @Test
    void executionName_isTheSameWithinAFleetExecution_andDiffersForAnother() {
        assertThat(ChildStart.executionName("fleet-1", "a")).isEqualTo(ChildStart.executionName("fleet-1", "a"))
                .isNotEqualTo(ChildStart.executionName("fleet-2", "a"));
    }

    @Test
    void executionName_replacesCharactersStepFunctionsRefuses_andCutsALongNameTo80() {
        String name = ChildStart.executionName("fleet-1", "a.b" + "x".repeat(120));

        assertThat(name).hasSize(ChildStart.NAME_LIMIT).startsWith("a-bxxx").matches("[A-Za-z0-9_-]+-[0-9a-f]{8}");
    }
}
