package io.flinkupgrade.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.engine.MapRunDescription;
import io.flinkupgrade.engine.StepFunctionsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Step Functions API's AWS JSON 1.0 protocol over {@link LocalStepFunctions}: it decodes a request,
 * calls the registry and encodes the answer with the members of AWS's service model
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_Operations.html; member names as
 * in the AWS SDK for Java v2's {@code sfn} model classes). Paging tokens are opaque: the key of the
 * next item, so items started meanwhile neither repeat nor go missing.
 */
public final class StepFunctionsProtocol {
    /** The {@code X-Amz-Target} prefix of every operation. */
    public static final String TARGET_PREFIX = "AWSStepFunctions.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    /** "The default is 0, which uses the default 100", at most 1000 (ListExecutions, GetExecutionHistory). */
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final LocalStepFunctions stepFunctions;

    public StepFunctionsProtocol(LocalStepFunctions stepFunctions) {
        this.stepFunctions = Objects.requireNonNull(stepFunctions, "stepFunctions");
    }

    /**
     * Answers one operation.
     *
     * @throws StepFunctionsException with AWS's error name
     */
    public JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "ListStateMachines" -> listStateMachines(request);
            case "DescribeStateMachine" -> describeStateMachine(request);
            case "StartExecution" -> startExecution(request);
            case "DescribeExecution" -> describeExecution(request);
            case "ListExecutions" -> listExecutions(request);
            case "GetExecutionHistory" -> getExecutionHistory(request);
            case "ListMapRuns" -> listMapRuns(request);
            case "DescribeMapRun" -> describeMapRun(request);
            case "StopExecution" -> JSON.objectNode().put("stopDate", AwsHistory.epochSeconds(
                    stepFunctions.stop(text(request, "executionArn"), optional(request, "error"), optional(request, "cause"))));
            default -> throw new StepFunctionsException("UnknownOperationException",
                    "The local Step Functions does not serve " + operation);
        };
    }

    private JsonNode listStateMachines(JsonNode request) {
        ObjectNode response = JSON.objectNode();
        ArrayNode list = response.putArray("stateMachines");
        for (StateMachine machine : page(stepFunctions.stateMachines(), request, StateMachine::arn, response)) {
            list.addObject()
                    .put("stateMachineArn", machine.arn())
                    .put("name", machine.name())
                    .put("type", "STANDARD")
                    .put("creationDate", AwsHistory.epochSeconds(machine.creationDate()));
        }
        return response;
    }

    private JsonNode describeStateMachine(JsonNode request) {
        StateMachine machine = stepFunctions.stateMachine(text(request, "stateMachineArn"));
        ObjectNode response = JSON.objectNode()
                .put("stateMachineArn", machine.arn())
                .put("name", machine.name())
                .put("status", "ACTIVE")
                .put("definition", machine.definition().json().toPrettyString())
                .put("roleArn", LocalEngine.ROLE_ARN)
                .put("type", "STANDARD")
                .put("creationDate", AwsHistory.epochSeconds(machine.creationDate()));
        response.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        return response;
    }

    private JsonNode startExecution(JsonNode request) {
        ExecutionDescription execution = stepFunctions.start(text(request, "stateMachineArn"), optional(request, "name"),
                optional(request, "input"));
        return JSON.objectNode()
                .put("executionArn", execution.executionArn())
                .put("startDate", AwsHistory.epochSeconds(execution.startDate()));
    }

    private JsonNode describeExecution(JsonNode request) {
        ExecutionDescription execution = stepFunctions.execution(text(request, "executionArn"));
        ObjectNode response = summary(execution);
        response.put("input", execution.input().toString());
        response.putObject("inputDetails").put("included", true);
        if (execution.output() != null) {
            response.put("output", execution.output().toString());
            response.putObject("outputDetails").put("included", true);
        }
        if (execution.error() != null) {
            response.put("error", execution.error());
        }
        if (execution.cause() != null) {
            response.put("cause", execution.cause());
        }
        response.put("redriveCount", 0);
        // The local Step Functions does not redrive (RedriveExecution is not served).
        response.put("redriveStatus", "NOT_REDRIVABLE");
        response.put("redriveStatusReason", execution.status() == ExecutionStatus.RUNNING
                ? "Execution is RUNNING and cannot be redriven" : "The local Step Functions does not redrive executions");
        return response;
    }

    /** A state machine's executions, or with a mapRunArn instead a Map Run's child executions. */
    private JsonNode listExecutions(JsonNode request) {
        String filter = optional(request, "statusFilter");
        if (filter != null && !List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE").contains(filter)) {
            throw new StepFunctionsException("ValidationException", "1 validation error detected: Value '" + filter
                    + "' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
        }
        String mapRunArn = optional(request, "mapRunArn");
        List<ExecutionDescription> executions = mapRunArn != null
                ? stepFunctions.mapRunExecutions(mapRunArn) : stepFunctions.executions(text(request, "stateMachineArn"));
        List<ExecutionDescription> matching = new ArrayList<>();
        for (ExecutionDescription execution : executions) {
            if (filter == null || filter.equals(execution.status().name())) {
                matching.add(execution);
            }
        }
        ObjectNode response = JSON.objectNode();
        ArrayNode list = response.putArray("executions");
        for (ExecutionDescription execution : page(matching, request, ExecutionDescription::executionArn, response)) {
            list.add(summary(execution));
        }
        return response;
    }

    private JsonNode getExecutionHistory(JsonNode request) {
        String executionArn = text(request, "executionArn");
        // The history first: once it shows the end, the description read after it has ended too.
        List<HistoryEvent> history = stepFunctions.history(executionArn);
        ExecutionDescription execution = stepFunctions.execution(executionArn);
        boolean includeData = !request.path("includeExecutionData").isBoolean() || request.get("includeExecutionData").booleanValue();
        List<ObjectNode> events = new ArrayList<>(AwsHistory.of(execution, history, includeData));
        if (request.path("reverseOrder").asBoolean(false)) {
            Collections.reverse(events);
        }
        ObjectNode response = JSON.objectNode();
        ArrayNode list = response.putArray("events");
        page(events, request, event -> event.get("id").asText(), response).forEach(list::add);
        return response;
    }

    private JsonNode listMapRuns(JsonNode request) {
        ExecutionDescription execution = stepFunctions.execution(text(request, "executionArn"));
        ObjectNode response = JSON.objectNode();
        ArrayNode list = response.putArray("mapRuns");
        for (MapRunDescription mapRun : page(stepFunctions.mapRuns(execution.executionArn()), request,
                MapRunDescription::mapRunArn, response)) {
            // INFERRED: "the ARN of the executed state machine" is that of the execution whose Map state started the run.
            ObjectNode item = list.addObject()
                    .put("executionArn", mapRun.executionArn())
                    .put("mapRunArn", mapRun.mapRunArn())
                    .put("stateMachineArn", execution.stateMachineArn())
                    .put("startDate", AwsHistory.epochSeconds(mapRun.startDate()));
            if (mapRun.stopDate() != null) {
                item.put("stopDate", AwsHistory.epochSeconds(mapRun.stopDate()));
            }
        }
        return response;
    }

    /**
     * DescribeMapRun (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html):
     * one item is one child execution here, so itemCounts equal executionCounts.
     */
    private JsonNode describeMapRun(JsonNode request) {
        MapRunDescription mapRun = stepFunctions.mapRun(text(request, "mapRunArn"));
        ObjectNode response = JSON.objectNode()
                .put("mapRunArn", mapRun.mapRunArn())
                .put("executionArn", mapRun.executionArn())
                .put("status", mapRun.status().name())
                .put("startDate", AwsHistory.epochSeconds(mapRun.startDate()))
                .put("maxConcurrency", mapRun.maxConcurrency())
                .put("toleratedFailurePercentage", mapRun.toleratedFailurePercentage())
                .put("toleratedFailureCount", mapRun.toleratedFailureCount())
                .put("redriveCount", 0);
        if (mapRun.stopDate() != null) {
            response.put("stopDate", AwsHistory.epochSeconds(mapRun.stopDate()));
        }
        response.set("itemCounts", counts(mapRun.executionCounts()));
        response.set("executionCounts", counts(mapRun.executionCounts()));
        return response;
    }

    private static ObjectNode counts(MapRunDescription.Counts counts) {
        return JSON.objectNode()
                .put("pending", counts.pending())
                .put("running", counts.running())
                .put("succeeded", counts.succeeded())
                .put("failed", counts.failed())
                .put("timedOut", counts.timedOut())
                .put("aborted", counts.aborted())
                .put("total", counts.total())
                .put("resultsWritten", counts.resultsWritten())
                .put("failuresNotRedrivable", 0)
                .put("pendingRedrive", 0);
    }

    /** The members ListExecutions and DescribeExecution share. */
    private static ObjectNode summary(ExecutionDescription execution) {
        ObjectNode summary = JSON.objectNode()
                .put("executionArn", execution.executionArn())
                .put("stateMachineArn", execution.stateMachineArn())
                .put("name", execution.name())
                .put("status", execution.status().name())
                .put("startDate", AwsHistory.epochSeconds(execution.startDate()));
        if (execution.stopDate() != null) {
            summary.put("stopDate", AwsHistory.epochSeconds(execution.stopDate()));
        }
        if (execution.mapRunArn() != null) {
            summary.put("mapRunArn", execution.mapRunArn());
        }
        return summary;
    }

    /** One page from {@code nextToken}, at most {@code maxResults} long; sets the response's nextToken if more follow. */
    private static <T> List<T> page(List<T> items, JsonNode request, Function<T, String> key, ObjectNode response) {
        int size = request.path("maxResults").asInt(0);
        size = size <= 0 ? DEFAULT_PAGE : Math.min(size, MAX_PAGE);
        int from = 0;
        String token = optional(request, "nextToken");
        if (token != null) {
            String next = decode(token);
            from = -1;
            for (int i = 0; i < items.size(); i++) {
                if (key.apply(items.get(i)).equals(next)) {
                    from = i;
                    break;
                }
            }
            if (from < 0) {
                throw new StepFunctionsException("InvalidToken", "Invalid Token: '" + token + "'");
            }
        }
        int to = Math.min(items.size(), from + size);
        if (to < items.size()) {
            response.put("nextToken", Base64.getUrlEncoder().encodeToString(key.apply(items.get(to)).getBytes(StandardCharsets.UTF_8)));
        }
        return items.subList(from, to);
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new StepFunctionsException("InvalidToken", "Invalid Token: '" + token + "'");
        }
    }

    private static String text(JsonNode request, String member) {
        String value = optional(request, member);
        if (value == null) {
            throw new StepFunctionsException("ValidationException", "1 validation error detected: Value null at '"
                    + member + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static String optional(JsonNode request, String member) {
        JsonNode value = request.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}
