package io.flinkupgrade.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChildExecutionNamesTest {
    @Test
    void name_isTheSameForOneFleetExecutionAndDiffersForAnother() {
        assertThat(ChildExecutionNames.of("fleet-1", "orders-enricher")).isEqualTo(ChildExecutionNames.of("fleet-1", "orders-enricher"))
                .startsWith("orders-enricher-").hasSize("orders-enricher-".length() + 8)
                .isNotEqualTo(ChildExecutionNames.of("fleet-2", "orders-enricher"));
    }

    @Test
    void name_followsStepFunctionsRulesForLongNamesAndDots() {
        String longName = "a.b".repeat(42);

        String name = ChildExecutionNames.of("fleet-1", longName);

        assertThat(name).hasSize(80).matches("[A-Za-z0-9_-]+");
        assertThat(name).isNotEqualTo(ChildExecutionNames.of("fleet-1", longName + "x"));
    }
}
