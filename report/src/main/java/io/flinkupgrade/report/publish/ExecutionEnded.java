package io.flinkupgrade.report.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of a "Step Functions Execution Status Change" event the report needs: which execution
 * ended, how, and with what. EventBridge's {@code detail} carries the execution's ARN, name and
 * status, its input and output as JSON strings (null when over 256 KiB), and the error and cause of a
 * failed one. https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html
 */
public record ExecutionEnded(String executionArn, String name, String status, String input, String output, String error,
        String cause) {
    /** The error of the upgrade workflow's Fail state, whose cause is the FAILED outcome document. */
    static final String OUTCOME_FAILED = "FlinkUpgrade.Failed";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ExecutionEnded fromEvent(JsonNode event) {
        JsonNode detail = event.path("detail");
        if (!detail.hasNonNull("executionArn") || !detail.hasNonNull("name") || !detail.hasNonNull("status")) {
            throw new IllegalArgumentException("not a Step Functions Execution Status Change event (detail lacks executionArn, name or "
                    + "status): " + event);
        }
        return new ExecutionEnded(detail.get("executionArn").asText(), detail.get("name").asText(), detail.get("status").asText(),
                text(detail, "input"), text(detail, "output"), text(detail, "error"), text(detail, "cause"));
    }

    /**
     * The outcome document: the output of an execution that succeeded, the cause of one that failed
     * with FlinkUpgrade.Failed; otherwise (timed out, aborted, failed elsewhere, output too large for
     * the event) a FAILED outcome naming how it ended, with the application and target runtime of its input.
     */
    public JsonNode outcome() {
        if ("SUCCEEDED".equals(status) && output != null) {
            return parse(output);
        }
        if ("FAILED".equals(status) && OUTCOME_FAILED.equals(error) && cause != null) {
            return parse(cause);
        }
        ObjectNode outcome = JSON.createObjectNode();
        outcome.put("outcome", "FAILED");
        JsonNode request = input == null ? JSON.createObjectNode() : parse(input);
        if (request.path("applicationName").isTextual()) {
            outcome.put("applicationName", request.get("applicationName").asText());
        }
        if (request.path("targetRuntime").isTextual()) {
            outcome.put("toRuntime", request.get("targetRuntime").asText());
        }
        if (error != null) {
            outcome.put("error", error);
        }
        outcome.putArray("reasons").add("the execution ended " + status + (cause == null ? "" : ": " + cause));
        return outcome;
    }

    private static String text(JsonNode detail, String field) {
        JsonNode value = detail.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the execution's output or cause is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
