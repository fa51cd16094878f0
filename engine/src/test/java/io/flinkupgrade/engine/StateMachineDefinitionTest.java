package io.flinkupgrade.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StateMachineDefinitionTest {

    private static StateMachineDefinition parse(String states) {
        return StateMachineDefinition.parse(
                "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"Only\",\"States\":{" + states + "}}", Map.of());
    }

    @Test
    void parse_appliesSubstitutions_andExposesStartAndStateNames() {
        StateMachineDefinition definition = StateMachineDefinition.parse(
                EngineFixtures.text("retry-backoff.asl.json"), Map.of("CallFunctionArn", "arn:aws:lambda:eu-west-1:1:function:call"));

        assertThat(definition.startAt()).isEqualTo("Call");
        assertThat(definition.stateNames()).containsExactly("Call", "Recover");
        assertThat(definition.json().at("/States/Call/Resource").asText()).isEqualTo("arn:aws:lambda:eu-west-1:1:function:call");
    }

    @Test
    void parse_unresolvedPlaceholder_isRejected() {
        assertThatThrownBy(() -> StateMachineDefinition.parse(EngineFixtures.text("retry-backoff.asl.json"), Map.of()))
                .isInstanceOf(AslLoadException.class)
                .hasMessageContaining("${CallFunctionArn}");
    }

    @Test
    void parse_unknownField_namesStateAndField() {
        assertThatThrownBy(() -> parse("\"Only\": {\"Type\": \"Pass\", \"Colour\": \"red\", \"End\": true}"))
                .isInstanceOf(AslLoadException.class)
                .hasMessageContaining("State 'Only'").hasMessageContaining("'Colour'");
    }

    @Test
    void parse_jsonPathField_isRejectedAsJsonPath() {
        assertThatThrownBy(() -> parse("\"Only\": {\"Type\": \"Task\", \"Resource\": \"arn:x\", \"ResultPath\": \"$.r\", \"End\": true}"))
                .isInstanceOf(AslLoadException.class)
                .hasMessageContaining("State 'Only'").hasMessageContaining("'ResultPath'").hasMessageContaining("JSONPath");
    }

    @Test
    void parse_unsupportedStateTypeOrField_isRejected() {
        assertThatThrownBy(() -> parse("\"Only\": {\"Type\": \"Activity\", \"End\": true}"))
                .hasMessageContaining("State 'Only'").hasMessageContaining("'Activity'");
        assertThatThrownBy(() -> parse("\"Only\": {\"Type\": \"Task\", \"Resource\": \"arn:x\", \"HeartbeatSeconds\": 5, \"End\": true}"))
                .hasMessageContaining("'HeartbeatSeconds'").hasMessageContaining("not supported");
        assertThatThrownBy(() -> parse("""
                "Only": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                 "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "ItemBatcher": {"MaxItemsPerBatch": 2}, "End": true}"""))
                .hasMessageContaining("State 'Only'").hasMessageContaining("'ItemBatcher'").hasMessageContaining("not supported");
    }

    @Test
    void parse_itemReaderOfAnotherInputThanJson_orBesideItems_isRejected() {
        assertThatThrownBy(() -> parse("""
                "Only": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV"},
                  "Arguments": {"Bucket": "b", "Key": "k.csv"}},
                 "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}"""))
                .hasMessageContaining("State 'Only'").hasMessageContaining("ItemReader/ReaderConfig/InputType");
        assertThatThrownBy(() -> parse("""
                "Only": {"Type": "Map", "Items": [1], "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                  "Arguments": {"Bucket": "b", "Key": "k.json"}},
                 "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}"""))
                .hasMessageContaining("'Items' and 'ItemReader'");
        assertThatThrownBy(() -> parse("""
                "Only": {"Type": "Map", "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Arguments": {"Bucket": "b"},
                  "WriterConfig": {"OutputType": "JSONL"}},
                 "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}"""))
                .hasMessageContaining("'WriterConfig'");
    }

    @Test
    void parse_distributedOnlyFieldsOnAnInlineMap_areRejected() {
        assertThatThrownBy(() -> parse("""
                "Only": {"Type": "Map", "ToleratedFailureCount": 1,
                 "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}"""))
                .hasMessageContaining("State 'Only'").hasMessageContaining("'ToleratedFailureCount'").hasMessageContaining("DISTRIBUTED");
    }

    @Test
    void parse_danglingNextOrMissingTransition_isRejected() {
        assertThatThrownBy(() -> parse("\"Only\": {\"Type\": \"Pass\", \"Next\": \"Nowhere\"}"))
                .hasMessageContaining("State 'Only' field 'Next'").hasMessageContaining("Nowhere");
        assertThatThrownBy(() -> parse("\"Only\": {\"Type\": \"Pass\"}"))
                .hasMessageContaining("State 'Only'").hasMessageContaining("'Next' or 'End'");
        assertThatThrownBy(() -> parse("""
                "Only": {"Type": "Task", "Resource": "arn:x", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Gone"}], "End": true}"""))
                .hasMessageContaining("Catch/0").hasMessageContaining("Gone");
    }

    @Test
    void parse_statesAllNotAloneOrNotLast_isRejected() {
        assertThatThrownBy(() -> parse("""
                "Only": {"Type": "Task", "Resource": "arn:x", "End": true,
                  "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["Other"]}]}"""))
                .hasMessageContaining("Retry/0").hasMessageContaining("States.ALL");
        assertThatThrownBy(() -> parse("""
                "Only": {"Type": "Task", "Resource": "arn:x", "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL", "Other"], "Next": "Only"}]}"""))
                .hasMessageContaining("Catch/0").hasMessageContaining("States.ALL");
    }

    @Test
    void parse_malformedExpression_isRejectedAtLoadTime() {
        assertThatThrownBy(() -> parse("\"Only\": {\"Type\": \"Pass\", \"Output\": {\"x\": \"{% $states.input.( %}\"}, \"End\": true}"))
                .hasMessageContaining("State 'Only' field 'Output/x'").hasMessageContaining("malformed JSONata");
    }

    @Test
    void parse_jsonPathQueryLanguage_isRejected() {
        assertThatThrownBy(() -> StateMachineDefinition.parse(
                "{\"StartAt\":\"Only\",\"States\":{\"Only\":{\"Type\":\"Succeed\"}}}", Map.of()))
                .hasMessageContaining("QueryLanguage");
        assertThatThrownBy(() -> parse("\"Only\": {\"Type\": \"Succeed\", \"QueryLanguage\": \"JSONPath\"}"))
                .hasMessageContaining("State 'Only'").hasMessageContaining("QueryLanguage");
    }

    @Test
    void parse_innerStateAssigningOuterVariable_isRejected() {
        assertThatThrownBy(() -> parse("""
                "Only": {"Type": "Pass", "Assign": {"count": 0}, "Next": "Fan"},
                "Fan": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Inner", "States": {
                  "Inner": {"Type": "Pass", "Assign": {"count": 1}, "End": true}}}}"""))
                .hasMessageContaining("'count'").hasMessageContaining("outer scope");
    }

    @Test
    void parse_invalidVariableNameOrRetryField_isRejected() {
        assertThatThrownBy(() -> parse("\"Only\": {\"Type\": \"Pass\", \"Assign\": {\"states\": 1}, \"End\": true}"))
                .hasMessageContaining("'states'");
        assertThatThrownBy(() -> parse("""
                "Only": {"Type": "Task", "Resource": "arn:x", "End": true, "Retry": [{"ErrorEquals": ["X"], "BackoffRate": 0.5}]}"""))
                .hasMessageContaining("BackoffRate");
    }
}
