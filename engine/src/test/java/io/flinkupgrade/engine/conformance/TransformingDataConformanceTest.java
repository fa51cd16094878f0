package io.flinkupgrade.engine.conformance;

import static io.flinkupgrade.engine.conformance.AwsExample.json;
import static io.flinkupgrade.engine.conformance.AwsExample.machine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "Transforming data with JSONata in Step Functions":
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html, its conversion example and
 * the functions Step Functions adds. Where the page shows no result, the expected values are AWS's own,
 * recorded from AWS in localstack/localstack's AWS-validated snapshots under
 * tests/aws/services/stepfunctions/v2/intrinsic_functions/ (test_array_jsonata, test_json_manipulation_jsonata).
 */
class TransformingDataConformanceTest {
    private final AwsExample example = new AwsExample();

    private JsonNode output(String expression, String input) {
        ExecutionResult result = example.run(machine("Only", """
                "Only": {"Type": "Pass", "Output": "{% EXPRESSION %}", "End": true}""".replace("EXPRESSION", expression)), input);
        assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return result.output();
    }

    @Test
    void pageConversionExample_argumentsEvaluateExpressionsAndKeepOtherStringsLiteral() {
        example.task("arn:echo", arguments -> arguments);

        ExecutionResult result = example.run(machine("Name", """
                "Name": {"Type": "Pass", "Assign": {"customerName": "María"}, "Next": "Greet"},
                "Greet": {"Type": "Task", "Resource": "arn:echo",
                          "Arguments": {"static": "Hello", "title": "{% $states.input.title %}",
                                        "name": "{% $customerName %}", "not-evaluated": "$customerName"},
                          "End": true}"""), "{\"title\": \"Doctor\"}");

        assertThat(result.output()).isEqualTo(json("""
                {"static": "Hello", "title": "Doctor", "name": "María", "not-evaluated": "$customerName"}"""));
    }

    @Test
    void pageFunctionExamples_partitionRangeAndHash() {
        assertThat(output("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)", "{}")).isEqualTo(json("[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"));
        assertThat(output("$range(0, 10, 2)", "{}")).isEqualTo(json("[0, 2, 4, 6, 8, 10]"));
        // The five algorithms the page lists, on the FIPS 180 / RFC 1321 test string "abc".
        assertThat(output("$hash($states.input.content, 'MD5')", "{\"content\": \"abc\"}").textValue())
                .isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(output("$hash($states.input.content, 'SHA-1')", "{\"content\": \"abc\"}").textValue())
                .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(output("$hash($states.input.content, 'SHA-256')", "{\"content\": \"abc\"}").textValue())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(output("$hash($states.input.content, 'SHA-384')", "{\"content\": \"abc\"}").textValue())
                .startsWith("cb00753f45a35e8bb5a03d699ac65007");
        assertThat(output("$hash($states.input.content, 'SHA-512')", "{\"content\": \"abc\"}").textValue())
                .startsWith("ddaf35a193617abacc417349ae204131");
    }

    @Test
    void pageFunctionExamples_randomUuidAndParse() {
        double unseeded = output("$random()", "{}").doubleValue();
        assertThat(unseeded).isBetween(0.0, 1.0).isNotEqualTo(1.0);
        assertThat(output("$random($states.input.seed) = $random($states.input.seed)", "{\"seed\": 7}").booleanValue()).isTrue();
        assertThat(output("$uuid()", "{}").textValue())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(output("$parse($states.input.json_string)", "{\"json_string\": \"{\\\"a\\\": [1, true]}\"}"))
                .isEqualTo(json("{\"a\": [1, true]}"));
    }

    /**
     * Expressions AWS evaluates as recorded in localstack/localstack's AWS-validated snapshot
     * tests/aws/services/stepfunctions/v2/evaluate_jsonata/test_base_evaluate_expressions: double-quoted
     * strings and regular expressions inside an expression, and a binding as a whole expression.
     */
    @Test
    void recordedByAws_quotesRegularExpressionsAndBindings() {
        ExecutionResult result = example.run(machine("Start", """
                "Start": {"Type": "Map", "Items": [1, "{% $number(\\"2\\") %}", 3], "MaxConcurrency": "{% $variable := 1 %}",
                    "ItemProcessor": {"StartAt": "Process", "States": {"Process": {"Type": "Pass", "End": true}}},
                    "Next": "Regex"},
                "Regex": {"Type": "Pass", "Output": {"items": "{% $states.input %}",
                    "double": "{% $contains(\\"hello$world\\", /^hello\\\\$/) %}",
                    "single": "{% $contains('hello$world', /^hello\\\\$/) %}",
                    "false": "{% $contains('hello$world', /^hello\\\\ /) %}"}, "End": true}"""), "{}");

        assertThat(result.output()).isEqualTo(json("{\"items\": [1, 2, 3], \"double\": true, \"single\": true, \"false\": false}"));
    }

    /** AWS returns a one-value $range as the value itself: a JSONata singleton sequence collapses. */
    @ParameterizedTest(name = "$range({0}, {1}, {2}) = {3}")
    @CsvSource(delimiter = '|', value = {
        "0 | 9  | 3 | [0,3,6,9]",
        "0 | 10 | 3 | [0,3,6,9]",
        "1 | 9  | 9 | 1",
        "1 | 9  | 2 | [1,3,5,7,9]"})
    void recordedByAws_range(int start, int end, int step, String expected) {
        assertThat(output("$range(" + start + ", " + end + ", " + step + ")", "{}")).isEqualTo(json(expected));
    }

    /** $partition, unlike $range, keeps a single chunk inside its array. */
    @ParameterizedTest(name = "$partition({0}, {1}) = {2}")
    @CsvSource(delimiter = '|', value = {
        "[0]       | 1 | [[0]]",
        "[0]       | 5 | [[0]]",
        "[0,1]     | 1 | [[0],[1]]",
        "[0,1]     | 2 | [[0,1]]",
        "[0,1,2]   | 2 | [[0,1],[2]]",
        "[0,1,2,3] | 3 | [[0,1,2],[3]]",
        "[0,1,2,3] | 4 | [[0,1,2,3]]",
        "[0,1,2,3] | 5 | [[0,1,2,3]]"})
    void recordedByAws_partition(String array, int size, String expected) {
        assertThat(output("$partition(" + array + ", " + size + ")", "{}")).isEqualTo(json(expected));
    }

    @ParameterizedTest(name = "$parse({0}) = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "-0                        | 0",
        "1.1                       | 1.1",
        "true                      | true",
        "\"HelloWorld\"            | \"HelloWorld\"",
        "[1, 2, \"HelloWorld\"]    | [1,2,\"HelloWorld\"]",
        "{\"Arg1\": 1, \"Arg2\": []} | {\"Arg1\":1,\"Arg2\":[]}"})
    void recordedByAws_parse(String text, String expected) {
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("FunctionInput", text);

        assertThat(output("$parse($states.input.FunctionInput)", input.toString())).isEqualTo(json(expected));
    }
}
