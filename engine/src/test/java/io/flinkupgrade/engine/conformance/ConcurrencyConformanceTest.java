package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.START;
import static io.flinkupgrade.engine.conformance.AwsExample.details;
import static io.flinkupgrade.engine.conformance.AwsExample.json;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.TaskFailedException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Parallel branches and Map iterations run concurrently, in virtual time: "The Parallel state causes
 * AWS Step Functions to execute each branch ... as concurrently as possible, and wait until all
 * branches terminate" (https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html);
 * a Map's "MaxConcurrency ... specifies the maximum number of iterations that can run in parallel",
 * 0 placing no limit beyond Inline mode's 40 concurrent iterations, and "results are in the same order
 * as the items" (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html,
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html). A failed branch or iteration
 * fails the state and stops the others.
 */
class ConcurrencyConformanceTest {
    private final AwsExample example = new AwsExample();

    /** A Map whose every iteration waits $states.input minutes, then echoes its item. */
    private static String waitingMap(String maxConcurrency) {
        return machine("Fan", """
                "Fan": {"Type": "Map", "MaxConcurrency": %s,
                    "ItemProcessor": {"StartAt": "Bake", "States": {
                        "Bake": {"Type": "Wait", "Seconds": "{%% $states.input * 60 %%}", "Next": "Echo"},
                        "Echo": {"Type": "Pass", "End": true}}},
                    "End": true}""".formatted(maxConcurrency));
    }

    @Test
    void twentyFiveIterationsOfTwelveMinutes_endInTwelveVirtualMinutes_notThreeHundred() {
        String items = IntStream.range(0, 25).mapToObj(i -> "12").toList().toString();

        ExecutionResult result = example.run(waitingMap("25"), items);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void maxConcurrency_limitsHowManyRunAtOnce_andResultsStayInItemOrder() {
        ExecutionResult result = example.run(waitingMap("2"), "[3, 1, 2, 1]");

        // Items 0 and 1 start at once; 1 ends at minute 1 and item 2 starts, item 3 when item 0 ends at minute 3.
        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(4));
        assertThat(result.output()).isEqualTo(json("[3, 1, 2, 1]"));
        assertThat(details(result, HistoryEventType.MAP_ITERATION_SUCCEEDED))
                .containsExactly("iteration 1", "iteration 0", "iteration 2", "iteration 3");
    }

    @Test
    void maxConcurrencyZero_runsEveryIterationAtOnce_upToInlineModesForty() {
        String items = IntStream.range(0, 80).mapToObj(i -> "1").toList().toString();

        ExecutionResult result = example.run(waitingMap("0"), items);

        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void parallelBranches_waitAtTheSameTime_andTheStateEndsWithTheLongest() {
        ExecutionResult result = example.run(machine("Both", """
                "Both": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "Short", "States": {"Short": {"Type": "Wait", "Seconds": 60, "Next": "A"}, "A": {"Type": "Pass", "Output": "a", "End": true}}},
                    {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 300, "Next": "B"}, "B": {"Type": "Pass", "Output": "b", "End": true}}}]}"""),
                "{}");

        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(5));
        assertThat(result.output()).isEqualTo(json("[\"a\", \"b\"]"));
    }

    @Test
    void aFailingBranch_failsTheParallelState_andStopsTheBranchStillWaiting() {
        example.failing("arn:break", "Branch.Broke", "on purpose");
        example.task("arn:after-wait", input -> IntNode.valueOf(1));

        ExecutionResult result = example.run(machine("Both", """
                "Both": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 600, "Next": "After"},
                                                    "After": {"Type": "Task", "Resource": "arn:after-wait", "End": true}}},
                    {"StartAt": "Breaks", "States": {"Breaks": {"Type": "Wait", "Seconds": 60, "Next": "Breaks2"},
                                                     "Breaks2": {"Type": "Task", "Resource": "arn:break", "End": true}}}]}"""),
                "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("Branch.Broke");
        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(1));
        assertThat(example.calls).extracting(AwsExample.Call::resource).containsExactly("arn:break");
        assertThat(details(result, HistoryEventType.PARALLEL_BRANCH_ABORTED)).containsExactly("branch 0");
    }

    @Test
    void aFailingIteration_failsTheInlineMap_andNoFurtherIterationStarts() {
        example.task("arn:check", item -> {
            if (item.intValue() == 2) {
                throw new TaskFailedException("Item.Invalid", "two");
            }
            return item;
        });

        ExecutionResult result = example.run(machine("Fan", """
                "Fan": {"Type": "Map", "MaxConcurrency": 2, "Items": [5, 2, 1, 1],
                    "ItemProcessor": {"StartAt": "Bake", "States": {
                        "Bake": {"Type": "Wait", "Seconds": "{% $states.input * 60 %}", "Next": "Check"},
                        "Check": {"Type": "Task", "Resource": "arn:check", "End": true}}},
                    "End": true}"""), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("Item.Invalid");
        // Item 1 failed at minute 2; item 0 (still baking) was stopped, items 2 and 3 never started.
        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(2));
        assertThat(details(result, HistoryEventType.MAP_ITERATION_STARTED)).containsExactly("iteration 0", "iteration 1");
        assertThat(details(result, HistoryEventType.MAP_ITERATION_ABORTED)).containsExactly("iteration 0");
    }

    @Test
    void retryBackOffs_inConcurrentIterations_overlapInVirtualTime() {
        example.failing("arn:flaky", "Flaky", "first").task("arn:flaky", item -> item);

        ExecutionResult result = example.run(machine("Fan", """
                "Fan": {"Type": "Map", "Items": [1, 2, 3],
                    "ItemProcessor": {"StartAt": "Call", "States": {
                        "Call": {"Type": "Task", "Resource": "arn:flaky", "End": true,
                                 "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 30, "MaxAttempts": 1}]}}},
                    "End": true}"""), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // Only the first call failed: one 30-second back-off, which the other iterations did not wait for.
        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofSeconds(30));
        assertThat(result.output()).isEqualTo(json("[1, 2, 3]"));
    }

    @Test
    void theSameInput_givesTheSameHistory_everyRun() {
        String definition = waitingMap("3");
        List<String> first = summary(new AwsExample().run(definition, "[4, 2, 3, 1, 2, 5]"));
        List<String> second = summary(new AwsExample().run(definition, "[4, 2, 3, 1, 2, 5]"));

        assertThat(second).isEqualTo(first);
    }

    private static List<String> summary(ExecutionResult result) {
        return result.history().stream().map(HistoryEvent::toString).toList();
    }
}
