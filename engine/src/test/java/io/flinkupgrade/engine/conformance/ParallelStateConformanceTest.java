package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.json;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import org.junit.jupiter.api.Test;

/**
 * "Parallel workflow state": https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 * (each branch gets the state's input, or its Arguments; the result is an array of the branches' outputs
 * in branch order; a failing branch fails the whole state, and Retry and Catch apply to the state). That
 * the Catch sees the branch's own error, not a generic one, is recorded from AWS in localstack/localstack's
 * AWS-validated snapshot tests/aws/services/stepfunctions/v2/states_variables/test_error_output
 * (test_parallel_catch_error: Error "Exception", the Lambda's error).
 */
class ParallelStateConformanceTest {
    private final AwsExample example = new AwsExample();

    @Test
    void pageLookupExample_eachBranchGetsTheInput_andTheResultIsTheirOutputsInBranchOrder() {
        example.task("arn:lookup-address", input -> TextNode.valueOf("address of " + input.get("customer").textValue()));
        example.task("arn:lookup-phone", input -> TextNode.valueOf("phone of " + input.get("customer").textValue()));

        ExecutionResult result = example.run(machine("LookupCustomerInfo", """
                "LookupCustomerInfo": {"Type": "Parallel", "End": true,
                    "Branches": [
                        {"StartAt": "LookupAddress", "States": {"LookupAddress": {"Type": "Task", "Resource": "arn:lookup-address", "End": true}}},
                        {"StartAt": "LookupPhone", "States": {"LookupPhone": {"Type": "Task", "Resource": "arn:lookup-phone", "End": true}}}]}"""),
                "{\"customer\": \"c-7\"}");

        assertThat(result.output()).isEqualTo(json("[\"address of c-7\", \"phone of c-7\"]"));
    }

    @Test
    void arguments_becomeEachBranchsInput_andOutputShapesTheResultArray() {
        ExecutionResult result = example.run(machine("Both", """
                "Both": {"Type": "Parallel", "Arguments": {"n": "{% $states.input.value %}"},
                    "Branches": [
                        {"StartAt": "Double", "States": {"Double": {"Type": "Pass", "Output": "{% $states.input.n * 2 %}", "End": true}}},
                        {"StartAt": "Square", "States": {"Square": {"Type": "Pass", "Output": "{% $states.input.n * $states.input.n %}", "End": true}}}],
                    "Output": {"double": "{% $states.result[0] %}", "square": "{% $states.result[1] %}"},
                    "End": true}"""), "{\"value\": 3}");

        assertThat(result.output()).isEqualTo(json("{\"double\": 6, \"square\": 9}"));
    }

    @Test
    void aFailingBranch_failsTheState_andItsCatchSeesTheBranchsOwnError() {
        example.failing("arn:lambda", "Exception", "Some exception was raised.");

        ExecutionResult result = example.run(machine("ParallelState", """
                "ParallelState": {"Type": "Parallel", "Next": "Finish",
                    "Branches": [{"StartAt": "ExecuteLambdaTask", "States": {
                        "ExecuteLambdaTask": {"Type": "Task", "Resource": "arn:lambda", "End": true}}}],
                    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Fallback",
                               "Output": {"stateInput": "{% $states.input %}", "stateError": "{% $states.errorOutput %}"}}]},
                "Fallback": {"Type": "Pass", "Output": {"result": "{% $states.input %}"}, "End": true},
                "Finish": {"Type": "Pass", "Output": {"result": "{% $states.input %}"}, "End": true}"""), "{\"inputData\": \"dummy\"}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("""
                {"result": {"stateInput": {"inputData": "dummy"},
                            "stateError": {"Error": "Exception", "Cause": "Some exception was raised."}}}"""));
        // The retry reran the whole Parallel state, so the branch's task ran twice.
        assertThat(example.calls).hasSize(2);
    }
}
