package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.details;
import static io.flinkupgrade.engine.conformance.AwsExample.json;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEventType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * "Handling errors in Step Functions workflows":
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html (Retry: interval,
 * backoff, MaxAttempts, MaxDelaySeconds, the first matching retrier; Catch: the first matching catcher,
 * $states.errorOutput; the States.ALL and States.TaskFailed wildcards).
 */
class ErrorHandlingConformanceTest {
    private final AwsExample example = new AwsExample();

    @Test
    void pageRetryExample_twoRetriesAfterThreeAndFourAndAHalfSeconds() {
        example.failing("arn:work", "States.Timeout", "slow").failing("arn:work", "States.Timeout", "slow")
                .task("arn:work", arguments -> IntNode.valueOf(1));

        ExecutionResult result = example.run(machine("Work", """
                "Work": {"Type": "Task", "Resource": "arn:work", "End": true,
                         "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 3, "MaxAttempts": 2, "BackoffRate": 1.5}]}"""),
                "{}");

        assertThat(result.output()).isEqualTo(IntNode.valueOf(1));
        assertThat(details(result, HistoryEventType.RETRY_SCHEDULED))
                .containsExactly("attempt 2 in 3s after States.Timeout", "attempt 3 in 4.500s after States.Timeout");
        assertThat(Duration.between(AwsExample.START, example.clock.instant())).isEqualTo(Duration.ofMillis(7500));
    }

    @Test
    void retriesExhausted_theErrorGoesToCatch_whoseOutputIsStatesErrorOutput() {
        example.failing("arn:work", "States.Timeout", "slow");

        ExecutionResult result = example.run(machine("Work", """
                "Work": {"Type": "Task", "Resource": "arn:work", "End": true,
                         "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 3, "MaxAttempts": 2, "BackoffRate": 1.5}],
                         "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}]},
                "Recover": {"Type": "Pass", "Output": {"caught": "{% $states.input %}"}, "End": true}"""), "{}");

        assertThat(example.calls).hasSize(3);
        assertThat(result.output()).isEqualTo(json("{\"caught\": {\"Error\": \"States.Timeout\", \"Cause\": \"slow\"}}"));
    }

    @Test
    void eachRetrierCountsItsOwnAttempts_andMaxAttemptsZeroNeverRetries() {
        example.failing("arn:work", "ErrorA", "a").failing("arn:work", "ErrorB", "b").failing("arn:work", "ErrorA", "a")
                .failing("arn:work", "ErrorC", "c");

        ExecutionResult result = example.run(machine("Work", """
                "Work": {"Type": "Task", "Resource": "arn:work", "End": true,
                         "Retry": [{"ErrorEquals": ["ErrorA", "ErrorB"], "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 3},
                                   {"ErrorEquals": ["ErrorC"], "MaxAttempts": 0}]}"""), "{}");

        // ErrorA, ErrorB and ErrorA again share the first retrier (1s, 2s, 4s); ErrorC is never retried.
        assertThat(details(result, HistoryEventType.RETRY_SCHEDULED))
                .containsExactly("attempt 2 in 1s after ErrorA", "attempt 3 in 2s after ErrorB", "attempt 4 in 4s after ErrorA");
        assertThat(result.error()).isEqualTo("ErrorC");
    }

    @Test
    void maxDelaySeconds_capsTheBackoff() {
        example.failing("arn:work", "Busy", "1").failing("arn:work", "Busy", "2").failing("arn:work", "Busy", "3")
                .task("arn:work", arguments -> IntNode.valueOf(1));

        ExecutionResult result = example.run(machine("Work", """
                "Work": {"Type": "Task", "Resource": "arn:work", "End": true,
                         "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 10, "BackoffRate": 3, "MaxAttempts": 3,
                                    "MaxDelaySeconds": 40}]}"""), "{}");

        assertThat(details(result, HistoryEventType.RETRY_SCHEDULED))
                .containsExactly("attempt 2 in 10s after Busy", "attempt 3 in 30s after Busy", "attempt 4 in 40s after Busy");
    }

    @Test
    void theFirstMatchingCatcherWins_andStatesTaskFailedMatchesANamedError() {
        example.failing("arn:work", "CustomError", "custom");

        ExecutionResult result = example.run(machine("Work", """
                "Work": {"Type": "Task", "Resource": "arn:work", "End": true,
                         "Catch": [{"ErrorEquals": ["States.Timeout"], "Output": "timeout", "Next": "Done"},
                                   {"ErrorEquals": ["States.TaskFailed"], "Output": "{% $states.errorOutput.Error %}", "Next": "Done"},
                                   {"ErrorEquals": ["States.ALL"], "Output": "all", "Next": "Done"}]},
                "Done": {"Type": "Succeed"}"""), "{}");

        assertThat(result.output()).isEqualTo(json("\"CustomError\""));
    }

    @Test
    void statesTaskFailed_doesNotMatchStatesTimeout_butStatesAllDoes() {
        example.failing("arn:work", "States.Timeout", "slow");

        ExecutionResult result = example.run(machine("Work", """
                "Work": {"Type": "Task", "Resource": "arn:work", "End": true,
                         "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Output": "task failed", "Next": "Done"},
                                   {"ErrorEquals": ["States.ALL"], "Output": "all", "Next": "Done"}]},
                "Done": {"Type": "Succeed"}"""), "{}");

        assertThat(result.output()).isEqualTo(json("\"all\""));
    }

    @Test
    void anUncaughtError_failsTheExecutionWithItsNameAndCause() {
        example.failing("arn:work", "Work.Rejected", "no");

        ExecutionResult result = example.run(machine("Work", """
                "Work": {"Type": "Task", "Resource": "arn:work", "End": true,
                         "Catch": [{"ErrorEquals": ["Other"], "Next": "Done"}]},
                "Done": {"Type": "Succeed"}"""), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("Work.Rejected");
        assertThat(result.cause()).isEqualTo("no");
    }
}
