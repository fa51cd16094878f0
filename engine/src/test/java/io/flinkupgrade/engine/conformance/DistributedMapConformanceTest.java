package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.START;
import static io.flinkupgrade.engine.conformance.AwsExample.json;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.engine.MapRunDescription;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * "Using Map state in Distributed mode" (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html):
 * every item is a child workflow execution with "its own, separate execution history", all of them a
 * Map Run (DescribeMapRun); the Map Run fails once the failed items exceed ToleratedFailureCount or
 * ToleratedFailurePercentage (both 0 by default), and the state then fails with
 * States.ExceedToleratedFailureThreshold (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
 */
class DistributedMapConformanceTest {
    private final AwsExample example = new AwsExample();

    /** A Distributed Map over the input; each child bakes $states.input minutes, and fails on a negative item. */
    private static String fleet(String tolerance) {
        return machine("Waves", """
                "Waves": {"Type": "Map", "MaxConcurrency": 25, "Label": "Wave"%s,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "Bake", "States": {
                            "Bake": {"Type": "Wait", "Seconds": "{%% $abs($states.input) * 60 %%}", "Next": "Check"},
                            "Check": {"Type": "Choice", "Choices": [{"Condition": "{%% $states.input < 0 %%}", "Next": "Broke"}],
                                      "Default": "Upgraded"},
                            "Upgraded": {"Type": "Pass", "Output": {"minutes": "{%% $states.input %%}", "by": "{%% $states.context.Execution.Id %%}"}, "End": true},
                            "Broke": {"Type": "Fail", "Error": "Upgrade.Failed", "Cause": "{%% 'item ' & $string($states.input) %%}"}}},
                    "End": true}""".formatted(tolerance));
    }

    @Test
    void everyItemIsAChildExecution_runningConcurrently_withResultsInItemOrder() {
        String items = IntStream.range(0, 50).mapToObj(i -> "12").toList().toString();

        ExecutionResult result = example.run(fleet(""), items);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // 50 items at MaxConcurrency 25: two rounds of 12 minutes.
        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(24));
        assertThat(result.output()).hasSize(50);
        List<ExecutionDescription> children = example.engine.executions().stream()
                .filter(e -> e.mapRunArn() != null).toList();
        assertThat(children).hasSize(50).allSatisfy(child -> {
            assertThat(child.executionArn()).startsWith("arn:aws:states:us-east-1:000000000000:execution:LocalStateMachine/Wave:");
            assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(child.parentExecutionArn()).isEqualTo(LocalEngine.executionArn("exec-1"));
        });
        assertThat(result.output().get(7).get("by").asText()).isEqualTo(children.get(7).executionArn());
        MapRunDescription mapRun = example.engine.mapRuns(LocalEngine.executionArn("exec-1")).get(0);
        assertThat(mapRun.mapRunArn()).startsWith("arn:aws:states:us-east-1:000000000000:mapRun:LocalStateMachine/Wave:");
        assertThat(mapRun.status()).isEqualTo(MapRunDescription.Status.SUCCEEDED);
        assertThat(mapRun.executionCounts()).isEqualTo(new MapRunDescription.Counts(0, 0, 50, 0, 0, 0, 50, 0));
        assertThat(children.get(0).mapRunArn()).isEqualTo(mapRun.mapRunArn());
        assertThat(example.engine.history(children.get(0).executionArn())).extracting(e -> e.type())
                .startsWith(HistoryEventType.EXECUTION_STARTED).endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
    }

    @Test
    void failuresWithinTheToleratedCount_leaveTheirErrorInTheResults_andTheMapSucceeds() {
        ExecutionResult result = example.run(fleet(", \"ToleratedFailureCount\": 1"), "[1, -1, 1]");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().get(1)).isEqualTo(json("{\"Error\": \"Upgrade.Failed\", \"Cause\": \"item -1\"}"));
        assertThat(example.engine.mapRuns(LocalEngine.executionArn("exec-1")).get(0).executionCounts().failed()).isEqualTo(1);
    }

    @Test
    void failuresPastTheTolerance_failTheMapRun_withExceedToleratedFailureThreshold_andStopTheRunningChildren() {
        ExecutionResult result = example.run(fleet(", \"ToleratedFailurePercentage\": 20"), "[-1, 30, 30, 30]");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        // One of four failed (25% > 20%) at minute 1; the other three were stopped then, not baked for 30 minutes.
        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(1));
        MapRunDescription mapRun = example.engine.mapRuns(LocalEngine.executionArn("exec-1")).get(0);
        assertThat(mapRun.status()).isEqualTo(MapRunDescription.Status.FAILED);
        assertThat(mapRun.executionCounts()).isEqualTo(new MapRunDescription.Counts(0, 0, 0, 1, 0, 3, 4, 0));
    }

    @Test
    void noToleranceByDefault_theFirstFailedChildFailsTheMapRun() {
        ExecutionResult result = example.run(fleet(""), "[1, -2, 5]");

        assertThat(result.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void stoppingTheParent_abortsTheMapRun_andStopsItsChildren() {
        String parentArn = example.register("Fleet", fleet(""));
        example.engine.start(parentArn, "fleet-1", json("[30, 30]"));
        example.engine.runUntil(START.plus(Duration.ofMinutes(5)));

        example.engine.stop(LocalEngine.executionArn(parentArn, "fleet-1"), null, null);

        MapRunDescription mapRun = example.engine.mapRuns(LocalEngine.executionArn(parentArn, "fleet-1")).get(0);
        assertThat(mapRun.status()).isEqualTo(MapRunDescription.Status.ABORTED);
        assertThat(mapRun.executionCounts().aborted()).isEqualTo(2);
        assertThat(example.engine.executions()).filteredOn(e -> e.mapRunArn() != null)
                .extracting(ExecutionDescription::status).containsOnly(ExecutionStatus.ABORTED);
    }

    @Test
    void theChildren_cannotSeeTheParentsVariables() {
        ExecutionResult result = example.run(machine("Set", """
                "Set": {"Type": "Pass", "Assign": {"secret": 42}, "Next": "Fan"},
                "Fan": {"Type": "Map", "Items": [1],
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "Read",
                        "States": {"Read": {"Type": "Pass", "Output": "{% $exists($secret) %}", "End": true}}},
                    "End": true}"""), "{}");

        assertThat(result.output()).isEqualTo(json("[false]"));
    }
}
