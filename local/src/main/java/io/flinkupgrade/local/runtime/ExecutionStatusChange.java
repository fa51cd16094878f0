package io.flinkupgrade.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.wiring.TaskJson;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The "Step Functions Execution Status Change" event EventBridge delivers when an execution ends,
 * as the cleanup rule's target receives it: {@code detail} carries the execution's ARN, name,
 * status, start and stop dates in epoch milliseconds, and its input and output as JSON strings.
 * https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html
 */
final class ExecutionStatusChange {
    private ExecutionStatusChange() {}

    static JsonNode of(String executionArn, String executionName, JsonNode input, ExecutionResult execution) {
        ObjectNode event = TaskJson.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.nameUUIDFromBytes((executionArn + execution.status()).getBytes(StandardCharsets.UTF_8)).toString());
        event.put("detail-type", "Step Functions Execution Status Change");
        event.put("source", "aws.states");
        event.put("account", "000000000000");
        event.put("time", execution.stopTime().toString());
        event.put("region", "us-east-1");
        event.putArray("resources").add(executionArn);
        ObjectNode detail = event.putObject("detail");
        detail.put("executionArn", executionArn);
        detail.put("stateMachineArn", LocalEngine.stateMachineArn());
        detail.put("name", executionName);
        detail.put("status", execution.status().name());
        detail.put("startDate", execution.startTime().toEpochMilli());
        detail.put("stopDate", execution.stopTime().toEpochMilli());
        detail.put("input", input.toString());
        detail.putObject("inputDetails").put("included", true);
        if (execution.output() == null) {
            detail.putNull("output");
            detail.putNull("outputDetails");
        } else {
            detail.put("output", execution.output().toString());
            detail.putObject("outputDetails").put("included", true);
        }
        if (execution.error() != null) {
            detail.put("error", execution.error());
            detail.put("cause", execution.cause());
        }
        return event;
    }
}
