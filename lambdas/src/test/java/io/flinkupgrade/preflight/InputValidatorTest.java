package io.flinkupgrade.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.plan.UpgradeRequest;
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
}
