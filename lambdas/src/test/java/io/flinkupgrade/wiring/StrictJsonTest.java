package io.flinkupgrade.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.preflight.PreflightRequest;
import io.flinkupgrade.running.StatusCheckRequest;
import io.flinkupgrade.support.MalformedInputs;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Input that is not strict JSON, as the CLI reads it and as Lambda hands Preflight its input. */
class StrictJsonTest {

    static List<MalformedInputs.Text> texts() {
        return MalformedInputs.texts();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void readRequest_rejectsTheInputSayingWhereAndWhatInPlainWords(MalformedInputs.Text text) {
        assertThatThrownBy(() -> StrictJson.readRequest(text.bytes()))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.field()).isEqualTo(text.field()))
                .hasMessageStartingWith(text.field() + ": not valid JSON at line ")
                .hasMessageContaining(text.says())
                .hasMessageNotContaining("[Source");
    }

    static List<String> malformedPreflightInputs() {
        String request = "{\"applicationName\": \"orders-enricher\", \"targetRuntime\": \"FLINK-1_20\"}";
        return List.of(
                preflightDocument(request.replace("}", ", \"targetRuntime\": \"FLINK-2_2\"}")) + "|the key 'targetRuntime' appears twice",
                preflightDocument(request) + " {\"dryRun\": true}|there is more after the end of the JSON value");
    }

    @ParameterizedTest
    @MethodSource("malformedPreflightInputs")
    void preflightsInput_isRejectedTheSameWayByTheLambdaSerializer(String documentAndSays) {
        String[] parts = documentAndSays.split("\\|");

        assertThatThrownBy(() -> new TaskSerializer().fromJson(parts[0], PreflightRequest.class))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.field()).isEqualTo("(input)"))
                .hasMessageStartingWith("(input): not valid JSON at line ")
                .hasMessageContaining(parts[1]);
    }

    @Test
    void preflightsInputInAnotherEncoding_isRejectedAsNotUtf8() {
        byte[] latin1 = preflightDocument("{\"applicationName\": \"orders-enrich\u00e9r\"}").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> new TaskSerializer().fromJson(new ByteArrayInputStream(latin1), PreflightRequest.class))
                .isInstanceOf(UpgradeRejectedException.class)
                .hasMessageContaining("the text is not UTF-8");
    }

    @Test
    void anotherTasksMalformedInput_failsLoudlyAsADefectNotARejection() {
        String duplicated = "{\"applicationName\": \"a\", \"applicationName\": \"b\"}";

        assertThatThrownBy(() -> new TaskSerializer().fromJson(duplicated, StatusCheckRequest.class))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("the key 'applicationName' appears twice in the same object");
    }

    /** Preflight's input as the ASL builds it, with {@code request} where $states.input goes. */
    private static String preflightDocument(String request) {
        return "{\"executionName\": \"e\", \"startedAt\": \"2026-11-24T10:00:00Z\", \"request\": " + request
                + ", \"enteredAt\": \"2026-11-24T10:00:00Z\"}";
    }
}
