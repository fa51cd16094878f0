package io.flinkupgrade.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.wiring.TaskJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The "Step Functions Execution Status Change" event EventBridge delivers when an execution ends,
 * as the cleanup rule's target receives it: {@code detail} carries the execution's ARN, name,
 * status, start and stop dates in epoch milliseconds, and its input and output as JSON strings.
 * https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html
 */
final class ExecutionStatusChange {
    private ExecutionStatusChange() {}

    /** The event for an execution the engine started itself (a fleet's child), from its description. */
    static JsonNode of(ExecutionDescription execution) {
        return of(execution.executionArn(), execution.stateMachineArn(), execution.name(), execution.input(), execution.status(),
                execution.startDate(), execution.stopDate(), execution.output(), execution.error(), execution.cause());
    }

    static JsonNode of(String executionArn, String executionName, JsonNode input, ExecutionResult execution) {
        return of(executionArn, LocalEngine.stateMachineArn(), executionName, input, execution.status(), execution.startTime(),
                execution.stopTime(), execution.output(), execution.error(), execution.cause());
    }

    private static JsonNode of(String executionArn, String stateMachineArn, String executionName, JsonNode input, ExecutionStatus status,
            Instant startDate, Instant stopDate, JsonNode output, String error, String cause) {
        ObjectNode event = TaskJson.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.nameUUIDFromBytes((executionArn + status).getBytes(StandardCharsets.UTF_8)).toString());
        event.put("detail-type", "Step Functions Execution Status Change");
        event.put("source", "aws.states");
        event.put("account", "000000000000");
        event.put("time", stopDate.toString());
        event.put("region", "us-east-1");
        event.putArray("resources").add(executionArn);
        ObjectNode detail = event.putObject("detail");
        detail.put("executionArn", executionArn);
        detail.put("stateMachineArn", stateMachineArn);
        detail.put("name", executionName);
        detail.put("status", status.name());
        detail.put("startDate", startDate.toEpochMilli());
        detail.put("stopDate", stopDate.toEpochMilli());
        detail.put("input", input.toString());
        detail.putObject("inputDetails").put("included", true);
        if (output == null) {
            detail.putNull("output");
            detail.putNull("outputDetails");
        } else {
            detail.put("output", output.toString());
            detail.putObject("outputDetails").put("included", true);
        }
        if (error != null) {
            detail.put("error", error);
            detail.put("cause", cause);
        }
        return event;
    }
}
