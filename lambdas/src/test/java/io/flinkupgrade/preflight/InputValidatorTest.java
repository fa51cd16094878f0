package io.flinkupgrade.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.support.MalformedInputs;
import io.flinkupgrade.support.RepoFiles;
import io.flinkupgrade.wiring.TaskJson;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InputValidatorTest {
    private final InputValidator validator = new InputValidator();

    static Stream<Path> sampleInputs() {
        return RepoFiles.executionInputs();
    }

    @ParameterizedTest
    @MethodSource("sampleInputs")
    void parse_everySampleInEvents_isValid(Path sample) throws Exception {
        UpgradeRequest request = validator.parse(TaskJson.mapper().readTree(sample.toFile()));

        assertThat(request.applicationName()).isEqualTo("orders-enricher");
    }

    @Test
    void parse_appliesTheDefaultsOfTheSchema() throws Exception {
        UpgradeRequest request = validator.parse(TaskJson.mapper().readTree("""
                {"applicationName":"a","targetRuntime":"FLINK-1_20","code":{"bucketArn":"arn:aws:s3:::bucket-1","fileKey":"k.jar"}}"""));

        assertThat(request.snapshot().enabled()).isTrue();
        assertThat(request.health().bakeSeconds()).isEqualTo(600);
        assertThat(request.timeouts().runningSeconds()).isEqualTo(900);
        assertThat(request.rollback().automatic()).isTrue();
        assertThat(request.dryRun()).isFalse();
    }

    static Stream<Arguments> malformedInputs() {
        return MalformedInputs.cases().stream().map(c -> Arguments.of(c.name(), c.input(), c.field()));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformedInputs")
    void parse_malformedInput_isRejectedNamingTheField(String name, JsonNode input, String field) {
        assertThatThrownBy(() -> validator.parse(input))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ");
    }

    private static JsonNode request(String json) throws Exception {
        return TaskJson.mapper().readTree(json);
    }

    @Test
    void parse_listsEveryProblemNotOnlyTheFirst() throws Exception {
        JsonNode input = request("""
                {"applicationName":"orders enricher","targetRuntime":"FLINK-01_20",
                 "code":{"bucketArn":"arn:aws:s3:::bucket-1","fileKey":"k.jar\\n"},"health":{"bakeSeconds":-1}}""");

        assertThatThrownBy(() -> validator.parse(input)).isInstanceOf(UpgradeRejectedException.class)
                .hasMessageStartingWith("applicationName: ")
                .hasMessageContaining("; also ").hasMessageContaining("code.fileKey: ").hasMessageContaining("health.bakeSeconds: ")
                .hasMessageContaining("targetRuntime: ");
    }

    @Test
    void parse_aFinalNewline_isNotTheEndOfTheInput() throws Exception {
        // Java's $ matches before a final line terminator; the schema's patterns are ECMA-262, where it does not.
        for (String name : new String[] {"orders-enricher\\n", "orders-enricher\\r\\n", "orders-enricher\\u2028", "orders-enricher\\u0085"}) {
            JsonNode input = request("""
                    {"applicationName":"%s","targetRuntime":"FLINK-1_20","code":{"bucketArn":"arn:aws:s3:::bucket-1","fileKey":"k.jar"}}"""
                    .formatted(name));

            assertThatThrownBy(() -> validator.parse(input)).as(name).hasMessageStartingWith("applicationName: ");
        }
    }

    @Test
    void parse_removeAllPropertyGroupsWithAnEmptyList_isAccepted() throws Exception {
        UpgradeRequest request = validator.parse(request("""
                {"applicationName":"a","targetRuntime":"FLINK-1_20","code":{"bucketArn":"arn:aws:s3:::bucket-1","fileKey":"k.jar"},
                 "propertyGroups":[],"removeAllPropertyGroups":true}"""));

        assertThat(request.propertyGroups()).isEmpty();
        assertThat(request.removeAllPropertyGroups()).isTrue();
    }

    @Test
    void parse_anEmptyPropertyGroupsList_saysHowToMeanIt() throws Exception {
        JsonNode input = request("""
                {"applicationName":"a","targetRuntime":"FLINK-1_20","code":{"bucketArn":"arn:aws:s3:::bucket-1","fileKey":"k.jar"},
                 "propertyGroups":[]}""");

        assertThatThrownBy(() -> validator.parse(input)).hasMessageStartingWith("propertyGroups: is an empty list")
                .hasMessageContaining("removeAllPropertyGroups: true");
    }

    @Test
    void parse_propertyValuesMayHoldLineBreaks_namesAndKeysMayNot() throws Exception {
        UpgradeRequest request = validator.parse(request("""
                {"applicationName":"a","targetRuntime":"FLINK-1_20","code":{"bucketArn":"arn:aws:s3:::bucket-1","fileKey":"k.jar"},
                 "propertyGroups":[{"propertyGroupId":"tls","propertyMap":{"ca.pem":"-----BEGIN CERTIFICATE-----\\nMIIB\\n"}}]}"""));

        assertThat(request.propertyGroups().get(0).propertyMap().get("ca.pem")).contains("\n");
    }

    @Test
    void parse_aRegularSupplementaryCharacterInAPropertyValue_isAccepted() throws Exception {
        UpgradeRequest request = validator.parse(request("""
                {"applicationName":"a","targetRuntime":"FLINK-1_20","code":{"bucketArn":"arn:aws:s3:::bucket-1","fileKey":"k.jar"},
                 "propertyGroups":[{"propertyGroupId":"ui","propertyMap":{"greeting":"hello \\ud83d\\ude00"}}]}"""));

        assertThat(request.propertyGroups().get(0).propertyMap().get("greeting")).endsWith("\ud83d\ude00");
    }
}
