package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.json;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.engine.AslLoadException;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.StateMachineDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Passing data between states with variables":
 * https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 */
class VariablesConformanceTest {
    private final AwsExample example = new AwsExample();

    @Test
    void pageExample_assignStoresValuesThatLaterStatesReadByDollarName() {
        ExecutionResult result = example.run(machine("Store", """
                "Store": {"Type": "Pass", "Assign": {"productName": "product1", "count": 42, "available": true}, "Next": "Skip"},
                "Skip": {"Type": "Pass", "Output": "unrelated", "Next": "Use"},
                "Use": {"Type": "Pass", "Output": {"name": "{% $productName %}", "count": "{% $count %}",
                                                    "available": "{% $available %}"}, "End": true}"""), "{}");

        assertThat(result.output()).isEqualTo(json("{\"name\": \"product1\", \"count\": 42, \"available\": true}"));
    }

    @Test
    void assignAndOutput_seeTheVariablesAsTheyWereWhenTheStateWasEntered() {
        // The page: every expression of a state's Assign (and its Output) is evaluated with the variable values
        // from the state's entry, so assignments in one Assign do not see each other.
        ExecutionResult result = example.run(machine("Init", """
                "Init": {"Type": "Pass", "Assign": {"x": 1, "y": 2}, "Next": "Swap"},
                "Swap": {"Type": "Pass", "Assign": {"x": "{% $y %}", "y": "{% $x %}"},
                         "Output": {"xSeenBySwap": "{% $x %}"}, "Next": "After"},
                "After": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $y %}", "seen": "{% $states.input.xSeenBySwap %}"},
                          "End": true}"""), "{}");

        assertThat(result.output()).isEqualTo(json("{\"x\": 2, \"y\": 1, \"seen\": 1}"));
    }

    @Test
    void taskAssignAndOutput_bothReadStatesResult() {
        example.task("arn:lookup", arguments -> json("{\"customer\": {\"id\": \"c-1\", \"tier\": \"gold\"}}"));

        ExecutionResult result = example.run(machine("Lookup", """
                "Lookup": {"Type": "Task", "Resource": "arn:lookup",
                           "Assign": {"tier": "{% $states.result.customer.tier %}"},
                           "Output": "{% $states.result.customer.id %}", "Next": "Use"},
                "Use": {"Type": "Pass", "Output": {"id": "{% $states.input %}", "tier": "{% $tier %}"}, "End": true}"""), "{}");

        assertThat(result.output()).isEqualTo(json("{\"id\": \"c-1\", \"tier\": \"gold\"}"));
    }

    @Test
    void innerScopes_readOuterVariables_andTheirOwnVariablesStayInside() {
        ExecutionResult result = example.run(machine("Init", """
                "Init": {"Type": "Pass", "Assign": {"prefix": "item-"}, "Next": "Fan"},
                "Fan": {"Type": "Map", "Items": [1, 2],
                    "ItemProcessor": {"StartAt": "Name", "States": {
                        "Name": {"Type": "Pass", "Assign": {"inner": "{% $prefix & $string($states.input) %}"}, "Next": "Emit"},
                        "Emit": {"Type": "Pass", "Output": "{% $inner %}", "End": true}}},
                    "Next": "Branches"},
                "Branches": {"Type": "Parallel",
                    "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Assign": {"branchOnly": 1},
                                                                       "Output": "{% $prefix %}", "End": true}}}],
                    "Output": {"map": "{% $states.input %}", "parallel": "{% $states.result %}"}, "Next": "Outer"},
                "Outer": {"Type": "Pass", "Output": {"results": "{% $states.input %}",
                                                      "innerVisible": "{% $exists($inner) or $exists($branchOnly) %}"},
                          "End": true}"""), "{}");

        assertThat(result.output()).isEqualTo(json("""
                {"results": {"map": ["item-1", "item-2"], "parallel": ["item-"]}, "innerVisible": false}"""));
    }

    @Test
    void innerScope_cannotAssignAVariableOfAnOuterScope() {
        String definition = machine("Init", """
                "Init": {"Type": "Pass", "Assign": {"total": 0}, "Next": "Fan"},
                "Fan": {"Type": "Map", "Items": [1],
                    "ItemProcessor": {"StartAt": "Add", "States": {
                        "Add": {"Type": "Pass", "Assign": {"total": "{% $total + 1 %}"}, "End": true}}},
                    "End": true}""");

        assertThatThrownBy(() -> StateMachineDefinition.parse(definition, Map.of()))
                .isInstanceOf(AslLoadException.class).hasMessageContaining("'total'");
    }

    @Test
    void catchAssign_readsStatesErrorOutput() {
        example.failing("arn:work", "Work.Failed", "it broke");

        ExecutionResult result = example.run(machine("Work", """
                "Work": {"Type": "Task", "Resource": "arn:work", "End": true,
                         "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"failure": "{% $states.errorOutput %}"},
                                    "Next": "Report"}]},
                "Report": {"Type": "Pass", "Output": "{% $failure %}", "End": true}"""), "{}");

        assertThat(result.output()).isEqualTo(json("{\"Error\": \"Work.Failed\", \"Cause\": \"it broke\"}"));
    }
}
