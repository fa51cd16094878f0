package io.flinkupgrade.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/** The JSON documents an execution carries (input, output, cause), read the same way for upgrades and fleets. */
final class ExecutionDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecutionDocuments() {}

    /**
     * The outcome document: a succeeded execution's output, the cause of {@code failedError} (the workflow's own
     * failure, whose cause is its outcome), or for any other end (timed out, stopped, an engine error) one that
     * says how the {@code subject} ended.
     */
    static Optional<JsonNode> outcome(DescribeExecutionResponse execution, String failedError, String subject) {
        return switch (execution.statusAsString()) {
            case "RUNNING" -> Optional.empty();
            case "SUCCEEDED" -> parse(execution.output());
            default -> {
                if (failedError.equals(execution.error())) {
                    Optional<JsonNode> document = parse(execution.cause());
                    if (document.isPresent()) {
                        yield document;
                    }
                }
                ObjectNode ended = JSON.createObjectNode();
                ended.put("outcome", execution.statusAsString().equals("ABORTED") ? "ABORTED" : "FAILED");
                ended.putArray("reasons").add(subject + " ended " + execution.statusAsString()
                        + (execution.error() == null ? "" : ": " + execution.error())
                        + (execution.cause() == null ? "" : " (" + execution.cause() + ")"));
                yield Optional.of(ended);
            }
        };
    }

    /** The document, or empty when there is none or it is not JSON. */
    static Optional<JsonNode> parse(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
