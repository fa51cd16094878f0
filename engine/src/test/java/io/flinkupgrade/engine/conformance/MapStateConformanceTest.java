package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.json;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.flinkupgrade.engine.AslLoadException;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.engine.TaskFailedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Map workflow state" and "Using Map state in Inline mode":
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html and
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html (Items, ItemSelector,
 * MaxConcurrency, the output array). Distributed mode (ItemReader, ItemBatcher, ResultWriter,
 * ToleratedFailure*) is refused when the definition is loaded: the local engine runs Inline mode only.
 * Where a test says "recorded by AWS", the expected value is AWS's own, from localstack/localstack's
 * AWS-validated snapshot tests/aws/services/stepfunctions/v2/scenarios/test_base_scenarios.
 */
class MapStateConformanceTest {
    private final AwsExample example = new AwsExample();

    @Test
    void pageShippingExample_itemsFromTheInput_itemSelectorAddsTheCourier_resultsInItemOrder() {
        example.task("arn:ship-val", arguments -> json("{\"prod\": \"" + arguments.get("parcel").get("prod").textValue()
                + "\", \"courier\": \"" + arguments.get("courier").textValue() + "\", \"valid\": true}"));

        ExecutionResult result = example.run(machine("Validate-All", """
                "Validate-All": {"Type": "Map",
                    "Items": "{% $states.input.detail.shipped %}",
                    "ItemSelector": {"parcel": "{% $states.context.Map.Item.Value %}",
                                     "courier": "{% $states.input.detail.'delivery-partner' %}"},
                    "MaxConcurrency": 0,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Validate",
                        "States": {"Validate": {"Type": "Task", "Resource": "arn:ship-val", "End": true}}},
                    "End": true}"""), """
                {"ship-date": "2016-03-14T01:59:00Z",
                 "detail": {"delivery-partner": "UQS",
                            "shipped": [{"prod": "R31", "dest-code": 9511, "quantity": 1344},
                                        {"prod": "S39", "dest-code": 9511, "quantity": 40},
                                        {"prod": "R31", "dest-code": 9833, "quantity": 12},
                                        {"prod": "R40", "dest-code": 9860, "quantity": 887},
                                        {"prod": "R40", "dest-code": 9511, "quantity": 1220}]}}""");

        assertThat(result.output()).isEqualTo(json("""
                [{"prod": "R31", "courier": "UQS", "valid": true}, {"prod": "S39", "courier": "UQS", "valid": true},
                 {"prod": "R31", "courier": "UQS", "valid": true}, {"prod": "R40", "courier": "UQS", "valid": true},
                 {"prod": "R40", "courier": "UQS", "valid": true}]"""));
        assertThat(example.calls.get(1).arguments()).isEqualTo(json("""
                {"parcel": {"prod": "S39", "dest-code": 9511, "quantity": 40}, "courier": "UQS"}"""));
    }

    @Test
    void withoutItems_theStateInputIsTheArray_andWithoutItemSelectorEachItemIsTheIterationInput() {
        example.task("arn:double", item -> IntNode.valueOf(item.intValue() * 2));

        ExecutionResult result = example.run(machine("Fan", """
                "Fan": {"Type": "Map", "MaxConcurrency": "{% $count($states.input) %}",
                    "ItemProcessor": {"StartAt": "Double", "States": {"Double": {"Type": "Task", "Resource": "arn:double", "End": true}}},
                    "End": true}"""), "[3, 1, 2]");

        assertThat(result.output()).isEqualTo(json("[6, 2, 4]"));
    }

    @Test
    void itemsAsALiteralArray_mayHoldExpressions_andAnEmptyArrayGivesAnEmptyResult() {
        ExecutionResult result = example.run(machine("Fan", """
                "Fan": {"Type": "Map", "Items": ["{% $states.input.a %}", "b"],
                    "ItemProcessor": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
                    "Next": "Empty"},
                "Empty": {"Type": "Map", "Items": [],
                    "ItemProcessor": {"StartAt": "Echo2", "States": {"Echo2": {"Type": "Pass", "End": true}}},
                    "Output": {"first": "{% $states.input %}", "empty": "{% $states.result %}"}, "End": true}"""), "{\"a\": \"A\"}");

        assertThat(result.output()).isEqualTo(json("{\"first\": [\"A\", \"b\"], \"empty\": []}"));
    }

    @Test
    void aFailedIteration_failsTheMapWithTheIterationsOwnError_whichTheMapsCatchSees() {
        example.task("arn:check", item -> {
            if (item.intValue() == 2) {
                throw new TaskFailedException("Item.Invalid", "two");
            }
            return item;
        });

        ExecutionResult result = example.run(machine("Fan", """
                "Fan": {"Type": "Map", "Items": [1, 2, 3],
                    "ItemProcessor": {"StartAt": "Check", "States": {"Check": {"Type": "Task", "Resource": "arn:check", "End": true}}},
                    "Catch": [{"ErrorEquals": ["Item.Invalid"], "Output": "{% $states.errorOutput %}", "Next": "Rejected"}],
                    "End": true},
                "Rejected": {"Type": "Succeed"}"""), "{}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("{\"Error\": \"Item.Invalid\", \"Cause\": \"two\"}"));
    }

    @Test
    void distributedModeFields_areRefusedAtLoad() {
        String definition = machine("Fan", """
                "Fan": {"Type": "Map", "Items": [1], "ToleratedFailurePercentage": 10,
                    "ItemProcessor": {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}},
                    "End": true}""");

        assertThatThrownBy(() -> StateMachineDefinition.parse(definition, Map.of()))
                .isInstanceOf(AslLoadException.class).hasMessageContaining("ToleratedFailurePercentage");
    }

    @Test
    void recordedByAws_itemSelectorMixesTheItemVariablesAndLiterals() {
        ExecutionResult result = example.run(machine("Start", """
                "Start": {"Type": "Pass", "Assign": {"ItemsVar": ["Item1", "Item2"]}, "Next": "MapIterateState"},
                "MapIterateState": {"Type": "Map", "MaxConcurrency": 1, "Items": "{% $ItemsVar %}",
                    "ItemSelector": {"map_item_value": "{% $states.context.Map.Item.Value %}",
                                     "var_sample": "{% $ItemsVar %}", "string_literal": "string literal"},
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Pass",
                                      "States": {"Pass": {"Type": "Pass", "End": true}}},
                    "End": true}"""), "{}");

        assertThat(result.output()).isEqualTo(json("""
                [{"map_item_value": "Item1", "var_sample": ["Item1", "Item2"], "string_literal": "string literal"},
                 {"map_item_value": "Item2", "var_sample": ["Item1", "Item2"], "string_literal": "string literal"}]"""));
    }
}
