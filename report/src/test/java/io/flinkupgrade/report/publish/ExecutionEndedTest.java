package io.flinkupgrade.report.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Which outcome the report shows, from the "Execution Status Change" event alone. */
class ExecutionEndedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:states:eu-west-1:123456789012:execution:flink-upgrade:orders-enricher-FLINK-1_20";
    private static final String INPUT = "{\"applicationName\":\"orders-enricher\",\"targetRuntime\":\"FLINK-1_20\"}";

    private static JsonNode event(String status, String output, String error, String cause) {
        ObjectNode detail = JSON.createObjectNode().put("executionArn", ARN).put("name", "orders-enricher-FLINK-1_20")
                .put("status", status).put("input", INPUT).put("output", output).put("error", error).put("cause", cause);
        return JSON.createObjectNode().put("detail-type", "Step Functions Execution Status Change").set("detail", detail);
    }

    @Test
    void aSucceededExecution_showsItsOutput() {
        ExecutionEnded ended = ExecutionEnded.fromEvent(event("SUCCEEDED", "{\"outcome\":\"ROLLED_BACK\"}", null, null));

        assertThat(ended.name()).isEqualTo("orders-enricher-FLINK-1_20");
        assertThat(ended.outcome().path("outcome").asText()).isEqualTo("ROLLED_BACK");
    }

    @Test
    void aFailedOutcome_isTheCauseOfFlinkUpgradeFailed() {
        JsonNode outcome = ExecutionEnded.fromEvent(event("FAILED", null, "FlinkUpgrade.Failed",
                "{\"outcome\":\"FAILED\",\"manualStep\":\"look\"}")).outcome();

        assertThat(outcome.path("manualStep").asText()).isEqualTo("look");
    }

    @Test
    void anAbortedExecution_isAFailedOutcomeSayingHowItEnded_forTheApplicationOfItsInput() {
        JsonNode outcome = ExecutionEnded.fromEvent(event("ABORTED", null, "Operator.Aborted", "stopped during the bake")).outcome();

        assertThat(outcome.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(outcome.path("applicationName").asText()).isEqualTo("orders-enricher");
        assertThat(outcome.path("toRuntime").asText()).isEqualTo("FLINK-1_20");
        assertThat(outcome.path("error").asText()).isEqualTo("Operator.Aborted");
        assertThat(outcome.path("reasons").path(0).asText()).isEqualTo("the execution ended ABORTED: stopped during the bake");
    }

    @Test
    void anotherEvent_isRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> ExecutionEnded.fromEvent(JSON.createObjectNode().put("detail-type", "Scheduled Event")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("executionArn, name or status");
    }
}
