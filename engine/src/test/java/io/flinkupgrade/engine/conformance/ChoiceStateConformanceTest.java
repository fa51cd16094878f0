package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.details;
import static io.flinkupgrade.engine.conformance.AwsExample.json;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "Choice workflow state": https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 * (JSONata Choice rules: a Condition each, the first true rule wins, Default otherwise, and
 * States.NoChoiceMatched without one; Output and Assign on the state and on a rule: the state's Assign
 * "applies regardless of which choice rule matches"). What a rule's Assign and Output do against the
 * state's is also recorded from AWS in localstack/localstack's AWS-validated snapshots
 * tests/aws/services/stepfunctions/v2/assign/test_assign_base (test_assign_in_choice) and
 * outputdecl/test_output (test_output_in_choice).
 */
class ChoiceStateConformanceTest {
    private static final String CHOICES = """
            "ChoiceStateX": {"Type": "Choice",
                "Choices": [
                    {"Condition": "{% $states.input.type != 'Private' %}", "Next": "Public"},
                    {"Condition": "{% $states.input.value >= 20 and $states.input.value < 30 %}", "Next": "ValueInTwenties"}],
                "Default": "DefaultState"},
            "Public": {"Type": "Pass", "Output": "Public", "End": true},
            "ValueInTwenties": {"Type": "Pass", "Output": "ValueInTwenties", "End": true},
            "DefaultState": {"Type": "Fail", "Error": "DefaultStateError", "Cause": "No Matches!"}""";

    private final AwsExample example = new AwsExample();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"Public\", \"value\": 25}  | Public",
        "{\"type\": \"Private\", \"value\": 25} | ValueInTwenties"})
    void pageExample_theFirstTrueRuleWins(String input, String expected) {
        ExecutionResult result = example.run(machine("ChoiceStateX", CHOICES), input);

        assertThat(result.output()).isEqualTo(json("\"" + expected + "\""));
    }

    @Test
    void pageExample_noTrueRule_goesToDefault() {
        ExecutionResult result = example.run(machine("ChoiceStateX", CHOICES), "{\"type\": \"Private\", \"value\": 35}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("DefaultStateError");
        assertThat(result.cause()).isEqualTo("No Matches!");
        assertThat(details(result, HistoryEventType.CHOICE_MADE)).containsExactly("Default -> DefaultState");
    }

    @Test
    void noTrueRuleAndNoDefault_failsWithStatesNoChoiceMatched() {
        ExecutionResult result = example.run(machine("Pick", """
                "Pick": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > 10 %}", "Next": "Big"}]},
                "Big": {"Type": "Succeed"}"""), "{\"n\": 1}");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void ruleOutputAndAssign_applyWhenTheRuleMatches() {
        ExecutionResult result = example.run(machine("Pick", """
                "Pick": {"Type": "Choice", "Assign": {"checked": true},
                    "Choices": [{"Condition": "{% $states.input.n > 10 %}", "Next": "Big",
                                 "Output": {"size": "big"}, "Assign": {"size": "big"}}],
                    "Default": "Small"},
                "Big": {"Type": "Pass", "Output": {"out": "{% $states.input %}", "size": "{% $size %}", "checked": "{% $checked %}"}, "End": true},
                "Small": {"Type": "Succeed"}"""), "{\"n\": 20}");

        assertThat(result.output()).isEqualTo(json("{\"out\": {\"size\": \"big\"}, \"size\": \"big\", \"checked\": true}"));
    }

    @ParameterizedTest(name = "condition {0}")
    @CsvSource(delimiter = '|', value = {
        "true  | \"Condition Output block\" | Condition assignment",
        "false | \"Default Output block\"   | Default Assignment"})
    void recordedByAws_aMatchedRulesOutputAndAssignWin_theStatesApplyOnTheDefaultPath(
            boolean condition, String output, String assignment) {
        ExecutionResult result = example.run(machine("ChoiceState", """
                "ChoiceState": {"Type": "Choice",
                    "Choices": [{"Condition": "{% $states.input.condition %}", "Next": "ConditionTrue",
                                 "Output": "Condition Output block", "Assign": {"Assignment": "Condition assignment"}}],
                    "Default": "DefaultState", "Output": "Default Output block", "Assign": {"Assignment": "Default Assignment"}},
                "ConditionTrue": {"Type": "Pass", "Output": {"in": "{% $states.input %}", "assigned": "{% $Assignment %}"}, "End": true},
                "DefaultState": {"Type": "Fail", "Error": "{% $Assignment %}", "Cause": "Condition is false"}"""),
                "{\"condition\": " + condition + "}");

        assertThat(result.history()).filteredOn(e -> e.type() == HistoryEventType.STATE_EXITED && "ChoiceState".equals(e.stateName()))
                .extracting(e -> e.detail()).containsExactly(output);
        if (condition) {
            assertThat(result.output()).isEqualTo(json("{\"in\": " + output + ", \"assigned\": \"" + assignment + "\"}"));
        } else {
            assertThat(result.error()).isEqualTo(assignment);
        }
    }

    @Test
    void theStatesAssign_appliesWhicheverRuleMatches() {
        ExecutionResult result = example.run(machine("Pick", """
                "Pick": {"Type": "Choice", "Assign": {"checkedAt": "{% $states.context.State.EnteredTime %}"},
                    "Choices": [{"Condition": "{% $states.input.n > 10 %}", "Next": "Report", "Assign": {"size": "big"}}],
                    "Default": "Report"},
                "Report": {"Type": "Pass", "Output": {"checkedAt": "{% $checkedAt %}", "size": "{% $exists($size) ? $size : 'unset' %}"},
                           "End": true}"""), "{\"n\": 20}");

        assertThat(result.output()).isEqualTo(json("{\"checkedAt\": \"2026-11-24T10:00:00.000Z\", \"size\": \"big\"}"));
    }
}
