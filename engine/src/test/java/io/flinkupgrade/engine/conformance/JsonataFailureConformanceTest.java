package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.details;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Failed JSONata evaluations, with the error and cause AWS records for the same definitions. AWS's
 * developer guide shows no cause text, so the expected causes are AWS's own as recorded in
 * localstack/localstack's AWS-validated snapshots under tests/aws/services/stepfunctions/v2/
 * (intrinsic_functions/test_math_operations_jsonata, assign/test_assign_base, scenarios/test_base_scenarios).
 * AWS also records each as an EvaluationFailed event with the field as its location
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_EvaluationFailedEventDetails.html).
 */
class JsonataFailureConformanceTest {
    private static final String ERROR = "States.QueryEvaluationError";

    private final AwsExample example = new AwsExample();

    private void assertFailed(ExecutionResult result, String cause) {
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo(ERROR);
        assertThat(result.cause()).isEqualTo(cause);
    }

    @Test
    void jsonataRuntimeError_namesTheFieldAndGivesTheJsonataErrorCode() {
        ExecutionResult result = example.run(machine("State_0", """
                "State_0": {"Type": "Pass",
                            "Output": {"FunctionResult": "{% $randomSeeded($states.input.FunctionInput.fst) %}"},
                            "End": true}"""), "{\"FunctionInput\": {\"fst\": 0}}");

        String cause = "An error occurred while executing the state 'State_0' (entered at the event id #2). The JSONata expression"
                + " '$randomSeeded($states.input.FunctionInput.fst)' specified for the field 'Output/FunctionResult' threw an"
                + " error during evaluation. T1006: Attempted to invoke a non-function";
        assertFailed(result, cause);
        assertThat(details(result, HistoryEventType.EVALUATION_FAILED)).containsExactly("Output/FunctionResult: " + cause);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Output         | \"Type\": \"Pass\", \"Output\": \"{% $doesNotExist %}\"",
        "Output/result  | \"Type\": \"Pass\", \"Output\": {\"result\": \"{% $doesNotExist %}\"}",
        "Assign/result  | \"Type\": \"Pass\", \"Assign\": {\"result\": \"{% $doesNotExist %}\"}",
        "Arguments      | \"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Arguments\": \"{% $doesNotExist %}\"",
        "Arguments/FunctionName | \"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Arguments\": {\"FunctionName\": \"{% $doesNotExist %}\"}"})
    void undefinedValue_namesTheFieldItWasFor(String field, String state) {
        ExecutionResult result = example.run(machine("State0", "\"State0\": {" + state + ", \"End\": true}"), "{}");

        assertFailed(result, "An error occurred while executing the state 'State0' (entered at the event id #2)."
                + " The JSONata expression '$doesNotExist' specified for the field '" + field + "' returned nothing (undefined).");
        assertThat(example.calls).isEmpty();
    }

    @Test
    void undefinedValue_inALaterState_namesThatStatesEnteredEvent() {
        ExecutionResult result = example.run(machine("State0", """
                "State0": {"Type": "Pass", "Next": "State1"},
                "State1": {"Type": "Pass", "Next": "State2"},
                "State2": {"Type": "Pass", "Output": {"result": "{% $doesNotExist %}"}, "End": true}"""), "{}");

        assertFailed(result, "An error occurred while executing the state 'State2' (entered at the event id #6)."
                + " The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
    }

    @ParameterizedTest(name = "Items {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "1             | number  | 1",
        "\"string\"    | string  | \"string\"",
        "true          | boolean | true",
        "{\"foo\":\"bar\"} | object | {\"foo\":\"bar\"}",
        "null          | null    | null"})
    void mapItemsThatIsNoArray_isAnUnexpectedResultType(String items, String type, String shown) {
        ExecutionResult result = example.run(machine("Start", """
                "Start": {"Type": "Pass", "Assign": {"ItemsVar": ITEMS}, "Next": "MapIterateState"},
                "MapIterateState": {"Type": "Map", "MaxConcurrency": 1, "Items": "{% $ItemsVar %}",
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Pass",
                                      "States": {"Pass": {"Type": "Pass", "End": true}}},
                    "End": true}""".replace("ITEMS", items)), "{}");

        assertFailed(result, "An error occurred while executing the state 'MapIterateState' (entered at the event id #4)."
                + " The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type."
                + " Expected 'array', but was '" + type + "' for value: " + shown);
    }

    @Test
    void mapItemsThatIsAFunction_isAnUnsupportedResultType() {
        ExecutionResult result = example.run(machine("MapIterateState", """
                "MapIterateState": {"Type": "Map", "Items": "{% $fn := function($x){$x} %}",
                    "ItemProcessor": {"StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": true}}},
                    "End": true}"""), "{}");

        assertFailed(result, "An error occurred while executing the state 'MapIterateState' (entered at the event id #2)."
                + " The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.");
    }

    @Test
    void mapWithoutItems_whoseInputIsNoArray() {
        ExecutionResult result = example.run(machine("Start", """
                "Start": {"Type": "Pass", "Output": "{% $states.input.items %}", "Next": "MapIterateState"},
                "MapIterateState": {"Type": "Map", "MaxConcurrency": 1,
                    "ItemProcessor": {"StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": true}}},
                    "End": true}"""), "{\"items\": {\"foo\": \"bar\"}}");

        assertFailed(result, "An error occurred while executing the state 'MapIterateState' (entered at the event id #4)."
                + " Map state input must be an array but was: {\"foo\":\"bar\"}");
    }

    @ParameterizedTest(name = "Timestamp {0}")
    @CsvSource({"2016-12-05 21:29:29Z", "2016-12-05T21:29:29", "2016-13-05T21:29:29Z", "2016-12-05T25:29:29Z", "05-12-2016T21:29:29Z"})
    void waitTimestampThatDoesNotParse(String timestamp) {
        ExecutionResult result = example.run(machine("WaitState", """
                "WaitState": {"Type": "Wait", "Timestamp": "{% $states.input.TimestampValue %}", "End": true}"""),
                "{\"TimestampValue\": \"" + timestamp + "\"}");

        assertFailed(result, "An error occurred while executing the state 'WaitState' (entered at the event id #2)."
                + " The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " + timestamp);
        assertThat(details(result, HistoryEventType.EVALUATION_FAILED)).singleElement().asString().startsWith("Timestamp: ");
    }

    @Test
    void evaluationFailure_isAnErrorThatCatchSees_withTheSameCause() {
        example.task("arn:work", arguments -> IntNode.valueOf(1));

        ExecutionResult result = example.run(machine("Work", """
                "Work": {"Type": "Task", "Resource": "arn:work", "Arguments": {"n": "{% $number('x') + $missing %}"},
                         "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Output": "{% $states.errorOutput %}",
                                    "Next": "Handled"}],
                         "End": true},
                "Handled": {"Type": "Succeed"}"""), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().get("Error").textValue()).isEqualTo(ERROR);
        assertThat(result.output().get("Cause").textValue()).startsWith(
                "An error occurred while executing the state 'Work' (entered at the event id #2). The JSONata expression"
                        + " '$number('x') + $missing' specified for the field 'Arguments/n' threw an error during evaluation.");
        assertThat(example.calls).isEmpty();
    }
}
