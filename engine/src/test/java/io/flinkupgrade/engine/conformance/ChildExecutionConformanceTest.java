package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.START;
import static io.flinkupgrade.engine.conformance.AwsExample.json;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.engine.StepFunctionsException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * "Start a new AWS Step Functions state machine from a running execution"
 * (https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html): startExecution
 * answers at once; .sync waits for the child and returns DescribeExecution's answer with Output as
 * JSON text, .sync:2 with Output as JSON; names are unique per state machine
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html). Each child
 * is an execution of its own, with its own history, addressable by its ARN.
 */
class ChildExecutionConformanceTest {
    private static final String CHILD = machine("Bake", """
            "Bake": {"Type": "Wait", "Seconds": "{% $states.input.minutes * 60 %}", "Next": "Done"},
            "Done": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.broken %}", "Next": "Broke"}],
                     "Default": "Fine"},
            "Fine": {"Type": "Pass", "Output": {"baked": "{% $states.input.minutes %}"}, "End": true},
            "Broke": {"Type": "Fail", "Error": "Upgrade.Failed", "Cause": "it broke"}""");

    private final AwsExample example = new AwsExample();
    private final String childArn = example.register("Child", CHILD);

    private String parent(String resource, String input, String name) {
        return machine("Start", """
                "Start": {"Type": "Task", "Resource": "%s",
                    "Arguments": {"StateMachineArn": "%s", "Input": %s%s},
                    "End": true}""".formatted(resource, childArn, input, name == null ? "" : ", \"Name\": \"" + name + "\""));
    }

    /** Execution fleet-1 of a parent that started child-1, a 30-minute child, through {@code resource}: ten minutes in. */
    private String parentTenMinutesIntoItsChild(String resource) {
        String parentArn = example.register("Parent", parent(resource, "{\"minutes\": 30, \"broken\": false}", "child-1"));
        example.engine.start(parentArn, "fleet-1", json("{}"));
        example.engine.runUntil(START.plus(Duration.ofMinutes(10)));
        return parentArn;
    }

    @Test
    void sync2_waitsForTheChild_andReturnsItsOutputAsJson() {
        ExecutionResult result = example.run(parent("arn:aws:states:::states:startExecution.sync:2",
                "{\"minutes\": 12, \"broken\": false}", "child-1"), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().get("Output")).isEqualTo(json("{\"baked\": 12}"));
        assertThat(result.output().get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.output().get("ExecutionArn").asText())
                .isEqualTo("arn:aws:states:us-east-1:000000000000:execution:Child:child-1");
        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void sync_returnsTheOutputAsJsonText() {
        ExecutionResult result = example.run(parent("arn:aws:states:::states:startExecution.sync",
                "{\"minutes\": 1, \"broken\": false}", "child-1"), "{}");

        assertThat(result.output().get("Output").isTextual()).isTrue();
        assertThat(json(result.output().get("Output").textValue())).isEqualTo(json("{\"baked\": 1}"));
    }

    @Test
    void plainStartExecution_answersAtOnce_andTheChildRunsOnByItself() {
        ExecutionResult result = example.run(parent("arn:aws:states:::states:startExecution",
                "{\"minutes\": 5, \"broken\": false}", "child-1"), "{}");

        assertThat(result.stopTime()).isEqualTo(START);
        assertThat(result.output().get("ExecutionArn").asText()).endsWith(":execution:Child:child-1");
        ExecutionDescription child = example.engine.execution(result.output().get("ExecutionArn").asText()).orElseThrow();
        assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(child.stopDate()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aFailedChild_failsTheTaskWithStatesTaskFailed_andTheChildsErrorInTheCause() {
        ExecutionResult result = example.run(parent("arn:aws:states:::states:startExecution.sync:2",
                "{\"minutes\": 1, \"broken\": true}", "child-1"), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.TaskFailed");
        JsonNode cause = json(result.cause());
        assertThat(cause.get("Status").asText()).isEqualTo("FAILED");
        assertThat(cause.get("Error").asText()).isEqualTo("Upgrade.Failed");
        assertThat(cause.get("Cause").asText()).isEqualTo("it broke");
    }

    @Test
    void theChild_hasAHistoryOfItsOwn_andIsDescribedByItsArn() {
        example.run(parent("arn:aws:states:::states:startExecution.sync:2", "{\"minutes\": 2, \"broken\": false}", "child-1"), "{}");

        String arn = LocalEngine.executionArn(childArn, "child-1");
        ExecutionDescription child = example.engine.execution(arn).orElseThrow();
        assertThat(child.name()).isEqualTo("child-1");
        assertThat(child.stateMachineArn()).isEqualTo(childArn);
        assertThat(child.input()).isEqualTo(json("{\"minutes\": 2, \"broken\": false}"));
        assertThat(child.parentExecutionArn()).isEqualTo(LocalEngine.executionArn("exec-1"));
        assertThat(example.engine.history(arn)).extracting(HistoryEvent::type)
                .startsWith(HistoryEventType.EXECUTION_STARTED).endsWith(HistoryEventType.EXECUTION_SUCCEEDED)
                .doesNotContain(HistoryEventType.TASK_SCHEDULED);
        assertThat(example.heardWithArn).contains(arn + " EXECUTION_SUCCEEDED");
    }

    @Test
    void aNameAlreadyUsed_failsTheTaskWithExecutionAlreadyExists() {
        example.run(parent("arn:aws:states:::states:startExecution.sync:2", "{\"minutes\": 1, \"broken\": false}", "same"), "{}");

        ExecutionResult again = example.run(parent("arn:aws:states:::states:startExecution.sync:2",
                "{\"minutes\": 1, \"broken\": false}", "same"), "{}");

        assertThat(again.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(again.error()).isEqualTo("StepFunctions.ExecutionAlreadyExistsException");
    }

    @Test
    void plainStartExecution_ofTheNameAndInputOfARunningExecution_answersThatExecution_itsArnAndStartDate() {
        String parentArn = parentTenMinutesIntoItsChild("arn:aws:states:::states:startExecution");

        ExecutionDescription again = example.engine.start(parentArn, "fleet-2", json("{}"));
        example.engine.runUntil(START.plus(Duration.ofMinutes(10)));

        ExecutionDescription second = example.engine.execution(again.executionArn()).orElseThrow();
        assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(second.output().get("ExecutionArn").asText()).isEqualTo(LocalEngine.executionArn(childArn, "child-1"));
        assertThat(second.output().get("StartDate").asLong()).as("the running execution's start date, not now")
                .isEqualTo(START.toEpochMilli());
        assertThat(example.engine.executions()).filteredOn(e -> e.stateMachineArn().equals(childArn)).hasSize(1);
    }

    @Test
    void plainStartExecution_ofANameWhoseExecutionEnded_failsWithExecutionAlreadyExists_inAwsWords() {
        example.run(parent("arn:aws:states:::states:startExecution", "{\"minutes\": 1, \"broken\": false}", "child-1"), "{}");

        ExecutionResult again = example.run(parent("arn:aws:states:::states:startExecution",
                "{\"minutes\": 1, \"broken\": false}", "child-1"), "{}");

        assertThat(again.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(again.error()).isEqualTo("StepFunctions.ExecutionAlreadyExistsException");
        assertThat(again.cause()).matches("Execution Already Exists: '" + Pattern.quote(LocalEngine.executionArn(childArn, "child-1"))
                + "' \\(Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionAlreadyExists; Request ID: [0-9a-f-]{36}; Proxy: null\\)");
    }

    @Test
    void plainStartExecution_ofTheNameOfARunningExecutionWithAnotherInput_failsWithExecutionAlreadyExists() {
        parentTenMinutesIntoItsChild("arn:aws:states:::states:startExecution");

        ExecutionResult other = example.run(parent("arn:aws:states:::states:startExecution",
                "{\"minutes\": 31, \"broken\": false}", "child-1"), "{}");

        assertThat(other.error()).isEqualTo("StepFunctions.ExecutionAlreadyExistsException");
        assertThat(other.cause()).startsWith("Execution Already Exists: '" + LocalEngine.executionArn(childArn, "child-1") + "'");
        assertThat(example.engine.execution(LocalEngine.executionArn(childArn, "child-1")).orElseThrow().input())
                .as("the running execution, untouched").isEqualTo(json("{\"minutes\": 30, \"broken\": false}"));
    }

    @Test
    void anUnknownStateMachine_failsTheTaskWithStateMachineDoesNotExist() {
        ExecutionResult result = example.run(machine("Start", """
                "Start": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                    "Arguments": {"StateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:Nope"}, "End": true}"""), "{}");

        assertThat(result.error()).isEqualTo("StepFunctions.StateMachineDoesNotExistException");
    }

    @Test
    void stoppingTheParent_stopsTheSyncChildItWaitsFor() {
        String parentArn = parentTenMinutesIntoItsChild("arn:aws:states:::states:startExecution.sync:2");

        example.engine.stop(LocalEngine.executionArn(parentArn, "fleet-1"), "Operator.Stop", "stopped by hand");

        ExecutionDescription child = example.engine.execution(LocalEngine.executionArn(childArn, "child-1")).orElseThrow();
        assertThat(child.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(child.stopDate()).isEqualTo(START.plus(Duration.ofMinutes(10)));
        assertThat(example.engine.nextWakeUp()).isEmpty();
    }

    @Test
    void stoppingTheParent_leavesAChildStartedRequestResponseRunning_toItsOwnEnd() {
        String parentArn = example.register("Parent", machine("Start", """
                "Start": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                    "Arguments": {"StateMachineArn": "%s", "Input": {"minutes": 30, "broken": false}, "Name": "child-1"},
                    "Next": "Linger"},
                "Linger": {"Type": "Wait", "Seconds": 3600, "End": true}""".formatted(childArn)));
        example.engine.start(parentArn, "fleet-1", json("{}"));
        example.engine.runUntil(START.plus(Duration.ofMinutes(10)));

        example.engine.stop(LocalEngine.executionArn(parentArn, "fleet-1"), "Operator.Stop", "stopped by hand");
        example.engine.runUntil(START.plus(Duration.ofHours(2)));

        ExecutionDescription child = example.engine.execution(LocalEngine.executionArn(childArn, "child-1")).orElseThrow();
        assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(child.stopDate()).isEqualTo(START.plus(Duration.ofMinutes(30)));
    }

    @Test
    void describeExecution_followsAChildAsTheSdkIntegrationAnswers_statusAndOutputAsJsonText() {
        ExecutionResult result = example.run(machine("Start", """
                "Start": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                    "Arguments": {"StateMachineArn": "%s", "Input": {"minutes": 5, "broken": false}, "Name": "child-1"},
                    "Assign": {"child": "{%% $states.result.ExecutionArn %%}"}, "Next": "Look"},
                "Look": {"Type": "Wait", "Seconds": 60, "Next": "Describe"},
                "Describe": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:describeExecution",
                    "Arguments": {"ExecutionArn": "{%% $child %%}"}, "Next": "Ended"},
                "Ended": {"Type": "Choice", "Choices": [{"Condition": "{%% $states.input.Status = 'RUNNING' %%}", "Next": "Look"}],
                    "Default": "Done"},
                "Done": {"Type": "Succeed"}""".formatted(childArn)), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Duration.between(START, result.stopTime())).isEqualTo(Duration.ofMinutes(5));
        assertThat(result.output().get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(result.output().get("Output").isTextual()).isTrue();
        assertThat(json(result.output().get("Output").textValue())).isEqualTo(json("{\"baked\": 5}"));
        assertThat(result.output().get("StopDate").asText()).isEqualTo("2026-11-24T10:05:00.000Z");
        assertThat(json(result.output().get("Input").textValue())).isEqualTo(json("{\"minutes\": 5, \"broken\": false}"));
    }

    @Test
    void describeExecution_ofAFailedChild_givesItsErrorAndCause_andOfAnUnknownArn_failsWithExecutionDoesNotExist() {
        ExecutionResult failed = example.run(machine("Start", """
                "Start": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
                    "Arguments": {"StateMachineArn": "%s", "Input": {"minutes": 1, "broken": true}, "Name": "child-1"},
                    "Assign": {"child": "{%% $states.result.ExecutionArn %%}"}, "Next": "Look"},
                "Look": {"Type": "Wait", "Seconds": 120, "Next": "Describe"},
                "Describe": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:describeExecution",
                    "Arguments": {"ExecutionArn": "{%% $child %%}"}, "End": true}""".formatted(childArn)), "{}");
        ExecutionResult unknown = example.run(machine("Describe", """
                "Describe": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:describeExecution",
                    "Arguments": {"ExecutionArn": "arn:aws:states:us-east-1:000000000000:execution:Child:nope"}, "End": true}"""), "{}");

        assertThat(failed.output().get("Status").asText()).isEqualTo("FAILED");
        assertThat(failed.output().get("Error").asText()).isEqualTo("Upgrade.Failed");
        assertThat(failed.output().get("Cause").asText()).isEqualTo("it broke");
        assertThat(failed.output().has("Output")).isFalse();
        assertThat(unknown.error()).isEqualTo("Sfn.ExecutionDoesNotExistException");
    }

    @Test
    void aTaskTimeout_stopsTheChild_andFailsWithStatesTimeout() {
        ExecutionResult result = example.run(machine("Start", """
                "Start": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "TimeoutSeconds": 120,
                    "Arguments": {"StateMachineArn": "%s", "Input": {"minutes": 30, "broken": false}, "Name": "slow"}, "End": true}"""
                .formatted(childArn)), "{}");

        assertThat(result.error()).isEqualTo("States.Timeout");
        assertThat(example.engine.execution(LocalEngine.executionArn(childArn, "slow")).orElseThrow().status())
                .isEqualTo(ExecutionStatus.ABORTED);
    }

    @Test
    void register_refusesAnInvalidName() {
        StateMachineDefinition definition = StateMachineDefinition.parse(CHILD, Map.of());

        assertThat(catchThrowableOfType(() -> example.engine.register("has space", definition), StepFunctionsException.class)
                .errorCode()).isEqualTo("InvalidName");
    }
}
