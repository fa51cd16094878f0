package io.flinkupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names the API's mapping template gives (infra ApiTemplates.START_REQUEST), so start and the API agree. */
class ExecutionNamesTest {
    @Test
    void isTheApplicationAndTargetRuntime_withTheAttemptAfter() {
        assertThat(ExecutionNames.of("orders-enricher", "FLINK-1_20", null)).isEqualTo("orders-enricher-FLINK-1_20");
        assertThat(ExecutionNames.of("orders-enricher", "FLINK-1_20", "2")).isEqualTo("orders-enricher-FLINK-1_20-2");
    }

    @Test
    void keepsTheAttemptWhenTheNameIsTooLong() {
        String name = ExecutionNames.of("a".repeat(90), "FLINK-1_20", "retry");

        assertThat(name).hasSize(80).endsWith("a-retry");
    }

    @Test
    void anExecutionsArnFollowsItsStateMachines() {
        assertThat(ExecutionNames.arn("arn:aws:states:eu-west-1:123456789012:stateMachine:flink-upgrade", "x"))
                .isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:flink-upgrade:x");
    }
}
