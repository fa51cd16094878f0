package io.flinkupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

class UpgradeProgressTest {
    private static final Instant START = Instant.parse("2025-06-02T09:00:00Z");
    private static final String INPUT = "{\"applicationName\":\"orders-enricher\",\"targetRuntime\":\"FLINK-1_20\",\"health\":{\"bakeSeconds\":600}}";

    private final List<HistoryEvent> history = new ArrayList<>();

    @Test
    void duringTheBake_countsTheChecksAndTheTimeLeftFromTheLatestCheck() {
        entered("Preflight", 0);
        succeeded(1, "{\"currentRuntime\":\"FLINK-1_15\",\"currentVersionId\":7}");
        entered("BakeAndCheckHealth", 120);
        entered("CheckHealth", 180);
        succeeded(181, "{\"verdict\":\"PENDING\",\"reasons\":[\"pending: 1 of 3 checks with data\"],\"progress\":{\"checks\":1}}");
        entered("BakeAndCheckHealth", 181);
        entered("CheckHealth", 241);
        succeeded(242, "{\"verdict\":\"PENDING\",\"reasons\":[\"pending: 2 of 3 checks with data\"],\"progress\":{\"checks\":2}}");

        UpgradeProgress progress = UpgradeProgress.of(running(), history);

        assertThat(progress.currentState()).isEqualTo("CheckHealth");
        assertThat(progress.bake()).hasValueSatisfying(bake -> {
            assertThat(bake.of()).isEqualTo("BakeAndCheckHealth");
            assertThat(bake.checks()).isEqualTo(2);
            assertThat(bake.reasons()).containsExactly("pending: 2 of 3 checks with data");
            // The bake began at +120 s and lasts 600 s; the latest check was at +242 s.
            assertThat(bake.left()).isEqualTo(Duration.ofSeconds(478));
        });
        assertThat(progress.plan()).hasValueSatisfying(plan -> assertThat(plan.path("currentVersionId").asLong()).isEqualTo(7));
    }

    @Test
    void theRollbacksBakeIsCountedOnItsOwn() {
        entered("BakeAndCheckHealth", 120);
        entered("CheckHealth", 180);
        succeeded(181, "{\"verdict\":\"UNHEALTHY\",\"reasons\":[\"unhealthy\"],\"progress\":{\"checks\":1}}");
        entered("VerifyRollbackHealth", 300);

        UpgradeProgress progress = UpgradeProgress.of(running(), history);

        assertThat(progress.bake()).hasValueSatisfying(bake -> {
            assertThat(ProgressText.bakeName(bake)).isEqualTo("rollback");
            assertThat(bake.checks()).isZero();
        });
    }

    @Test
    void aFailedUpgradesOutcomeIsTheCauseOfFlinkUpgradeFailed() {
        DescribeExecutionResponse failed = DescribeExecutionResponse.builder().executionArn("arn").name("n").status("FAILED")
                .input(INPUT).startDate(START).error(UpgradeProgress.FAILED_ERROR)
                .cause("{\"outcome\":\"FAILED\",\"reasons\":[\"could not observe\"],\"manualStep\":\"Check the metrics.\"}").build();

        UpgradeProgress progress = UpgradeProgress.of(failed, history);

        assertThat(progress.outcomeName()).isEqualTo("FAILED");
        assertThat(progress.outcome()).hasValueSatisfying(o -> assertThat(o.path("manualStep").asText()).isEqualTo("Check the metrics."));
        assertThat(ExitCodes.of(progress.outcomeName())).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void aStoppedExecutionIsAbortedWithTheStopsErrorAsItsReason() {
        DescribeExecutionResponse aborted = DescribeExecutionResponse.builder().executionArn("arn").name("n").status("ABORTED")
                .input(INPUT).startDate(START).error(AbortCommand.ERROR).cause("by a person").build();

        UpgradeProgress progress = UpgradeProgress.of(aborted, history);

        assertThat(progress.outcomeName()).isEqualTo("ABORTED");
        assertThat(progress.outcome().orElseThrow().path("reasons").get(0).asText())
                .isEqualTo("the execution ended ABORTED: FlinkUpgrade.Aborted (by a person)");
    }

    private DescribeExecutionResponse running() {
        return DescribeExecutionResponse.builder().executionArn("arn").name("orders-enricher-FLINK-1_20").status("RUNNING")
                .input(INPUT).startDate(START).build();
    }

    private void entered(String state, long atSecond) {
        history.add(HistoryEvent.builder().id(history.size() + 1L).timestamp(START.plusSeconds(atSecond))
                .type(HistoryEventType.TASK_STATE_ENTERED).stateEnteredEventDetails(d -> d.name(state)).build());
    }

    private void succeeded(long atSecond, String output) {
        history.add(HistoryEvent.builder().id(history.size() + 1L).timestamp(START.plusSeconds(atSecond))
                .type(HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED).lambdaFunctionSucceededEventDetails(d -> d.output(output)).build());
    }
}
