package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.json;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.flinkupgrade.engine.ExecutionResult;
import org.junit.jupiter.api.Test;

/**
 * "Accessing execution data from the Context object in Step Functions":
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
 */
class ContextObjectConformanceTest {
    private final AwsExample example = new AwsExample();

    @Test
    void contextObject_hasTheExecutionStateAndStateMachineFieldsThePageLists() {
        ExecutionResult result = example.run(machine("Only", """
                "Only": {"Type": "Pass", "Output": "{% $states.context %}", "End": true}"""), "{\"k\": 1}");

        // RedriveCount is 0 until a redrive; RedriveTime, Task.Token and Map appear only where they apply.
        // A Pass state cannot retry, and AWS records no State.RetryCount for it.
        assertThat(result.output()).isEqualTo(json("""
                {"Execution": {"Id": "arn:aws:states:us-east-1:000000000000:execution:LocalStateMachine:exec-1",
                               "Input": {"k": 1}, "Name": "exec-1",
                               "RoleArn": "arn:aws:iam::000000000000:role/LocalStateMachineRole",
                               "StartTime": "2026-11-24T10:00:00.000Z", "RedriveCount": 0},
                 "State": {"EnteredTime": "2026-11-24T10:00:00.000Z", "Name": "Only"},
                 "StateMachine": {"Id": "arn:aws:states:us-east-1:000000000000:stateMachine:LocalStateMachine",
                                  "Name": "LocalStateMachine"}}"""));
    }

    @Test
    void pageExample_executionIdThroughStatesContext() {
        ExecutionResult result = example.run(machine("Only", """
                "Only": {"Type": "Pass", "Output": {"ExecutionID": "{% $states.context.Execution.Id %}"}, "End": true}"""), "{}");

        assertThat(result.output()).isEqualTo(json("""
                {"ExecutionID": "arn:aws:states:us-east-1:000000000000:execution:LocalStateMachine:exec-1"}"""));
    }

    @Test
    void stateRetryCount_countsTheRetriesOfATask_andEnteredTimeStaysTheStatesEntry() {
        example.failing("arn:work", "Flaky", "first").failing("arn:work", "Flaky", "second")
                .task("arn:work", arguments -> IntNode.valueOf(7));

        ExecutionResult result = example.run(machine("Wait", """
                "Wait": {"Type": "Wait", "Seconds": 30, "Next": "Work"},
                "Work": {"Type": "Task", "Resource": "arn:work",
                         "Arguments": {"retry": "{% $states.context.State.RetryCount %}",
                                       "entered": "{% $states.context.State.EnteredTime %}"},
                         "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                         "Output": "{% $states.context.State %}", "End": true}"""), "{}");

        assertThat(example.calls).extracting(call -> call.arguments().get("retry").intValue()).containsExactly(0, 1, 2);
        assertThat(example.calls).extracting(call -> call.arguments().get("entered").textValue())
                .containsOnly("2026-11-24T10:00:30.000Z");
        assertThat(result.output()).isEqualTo(json("""
                {"Name": "Work", "EnteredTime": "2026-11-24T10:00:30.000Z", "RetryCount": 2}"""));
    }

    @Test
    void pageMapExample_itemSelectorReadsTheMapItemIndexAndValue() {
        ExecutionResult result = example.run(machine("ExampleMapState", """
                "ExampleMapState": {"Type": "Map",
                    "ItemSelector": {"ContextIndex": "{% $states.context.Map.Item.Index %}",
                                     "ContextValue": "{% $states.context.Map.Item.Value %}"},
                    "ItemProcessor": {"StartAt": "TestPass", "States": {"TestPass": {"Type": "Pass", "End": true}}},
                    "End": true}"""), """
                [{"who": "bob"}, {"who": "meg"}, {"who": "joe"}]""");

        assertThat(result.output()).isEqualTo(json("""
                [{"ContextIndex": 0, "ContextValue": {"who": "bob"}},
                 {"ContextIndex": 1, "ContextValue": {"who": "meg"}},
                 {"ContextIndex": 2, "ContextValue": {"who": "joe"}}]"""));
    }
}
