package io.flinkupgrade.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.LocalEngine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An execution's history as GetExecutionHistory answers it: AWS's event types and their details
 * members (https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html; the
 * members as the SDK's service model defines them: StateEnteredEventDetails name and input,
 * TaskScheduledEventDetails resourceType, resource, region, parameters and timeoutInSeconds,
 * LambdaFunctionScheduledEventDetails resource, input and timeoutInSeconds, MapStateStartedEventDetails
 * length, MapIterationEventDetails name and index, MapRunStartedEventDetails mapRunArn).
 *
 * <p>A Task whose Resource is a Lambda function ARN records LambdaFunctionScheduled, Started,
 * Succeeded or Failed; a service integration ({@code arn:aws:states:::service:action}) records
 * TaskScheduled, TaskStarted, (for {@code .sync} jobs TaskSubmitted,) TaskSucceeded or TaskFailed with the
 * service as {@code resourceType} and the action as {@code resource}. An Inline Map records MapStateStarted
 * with its length, then MapIterationStarted and Succeeded or Failed per item, then MapStateSucceeded or
 * MapStateFailed; a Distributed Map records MapRunStarted with the Map Run's ARN, then MapRunSucceeded or
 * MapRunFailed (its iterations are child executions with histories of their own); a Parallel state records
 * ParallelStateStarted, then ParallelStateSucceeded or ParallelStateFailed. A stopped execution records
 * {@code <Type>StateAborted} for the state it was in, then ExecutionAborted. Engine events AWS has no event
 * for (a retry scheduled, a Choice made, an error caught, a Parallel branch) are left out, and events are
 * numbered afresh. INFERRED: {@code previousEventId} is the event just before (AWS's points at the event
 * that led to this one, which is the one before in a sequential execution), and the order of the Map and
 * Parallel events (the API reference lists the types, not their sequence).
 *
 * <p>Inputs, outputs and parameters are the engine's documents, serialized only here, when the history is
 * read with its data, never when the event is recorded. AWS truncates none of them: a state's payload is capped
 * at 256 KiB instead (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html), so
 * {@code truncated} is always false.
 */
final class AwsHistory {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String LAMBDA_ARN_PREFIX = "arn:aws:lambda:";
    private static final String INTEGRATION_ARN_PREFIX = "arn:aws:states:::";
    /** The state types AWS records a {@code <Type>StateAborted} event for. */
    private static final Set<String> ABORTABLE = Set.of("Task", "Wait", "Map", "Parallel");

    private final ExecutionDescription execution;
    private final boolean includeData;
    private final List<ObjectNode> events = new ArrayList<>();
    /** The states entered and not yet exited, with their types. */
    private final Map<String, String> open = new LinkedHashMap<>();
    private final Map<String, String> types = new HashMap<>();
    private final Map<String, String> resources = new HashMap<>();
    /** The Map states running as a Distributed Map (a Map Run) now: they record MapRun events, not MapState ones. */
    private final Set<String> distributed = new HashSet<>();

    private AwsHistory(ExecutionDescription execution, boolean includeData) {
        this.execution = execution;
        this.includeData = includeData;
    }

    /** The events so far, oldest first; {@code includeData} false leaves out inputs and outputs. */
    static List<ObjectNode> of(ExecutionDescription execution, List<HistoryEvent> events, boolean includeData) {
        AwsHistory history = new AwsHistory(execution, includeData);
        events.forEach(history::add);
        return history.events;
    }

    /** Epoch seconds with milliseconds, as AWS JSON protocols send a timestamp. */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private void add(HistoryEvent event) {
        String state = event.stateName();
        switch (event.type()) {
            case EXECUTION_STARTED -> {
                ObjectNode details = data(JSON.objectNode(), "input", "inputDetails", event.detail());
                details.put("roleArn", LocalEngine.ROLE_ARN);
                emit(event, "ExecutionStarted", "executionStartedEventDetails", details);
            }
            case STATE_ENTERED -> {
                open.put(state, event.detail());
                types.put(state, event.detail());
                ObjectNode details = data(JSON.objectNode().put("name", state), "input", "inputDetails", text(event.data()));
                emit(event, event.detail() + "StateEntered", "stateEnteredEventDetails", details);
            }
            case STATE_EXITED -> {
                open.remove(state);
                String type = types.get(state);
                // A Map or Parallel state that exits has succeeded (a failed one records its failure instead of exiting).
                if (type.equals("Parallel") || type.equals("Map") && !distributed.contains(state)) {
                    emit(event, type + "StateSucceeded", null, null);
                }
                distributed.remove(state);
                ObjectNode details = data(JSON.objectNode().put("name", state), "output", "outputDetails", event.detail());
                emit(event, type + "StateExited", "stateExitedEventDetails", details);
            }
            case TASK_SCHEDULED -> scheduled(event);
            case TASK_SUCCEEDED -> {
                String resource = resources.get(state);
                ObjectNode details = data(taskDetails(resource), "output", "outputDetails", event.detail());
                emit(event, taskType(resource, "Succeeded"), taskMember(resource, "Succeeded"), details);
            }
            case TASK_FAILED, TASK_TIMED_OUT -> {
                String resource = resources.get(state);
                String outcome = event.type() == HistoryEventType.TASK_FAILED ? "Failed" : "TimedOut";
                ObjectNode details = failure(taskDetails(resource), event);
                emit(event, taskType(resource, outcome), taskMember(resource, outcome), details);
            }
            case EVALUATION_FAILED -> emit(event, "EvaluationFailed", "evaluationFailedEventDetails",
                    JSON.objectNode().put("error", "States.QueryEvaluationError").put("cause", event.detail()).put("state", state));
            case TASK_SUBMITTED -> {
                String resource = resources.get(state);
                emit(event, "TaskSubmitted", "taskSubmittedEventDetails", data(taskDetails(resource), "output", "outputDetails",
                        event.detail()));
            }
            case MAP_STATE_STARTED -> emit(event, "MapStateStarted", "mapStateStartedEventDetails",
                    JSON.objectNode().put("length", Integer.parseInt(event.detail())));
            case MAP_ITERATION_STARTED -> iteration(event, "Started");
            case MAP_ITERATION_SUCCEEDED -> iteration(event, "Succeeded");
            case MAP_ITERATION_FAILED -> {
                iteration(event, "Failed");
                emit(event, "MapStateFailed", null, null);
            }
            case MAP_ITERATION_ABORTED -> iteration(event, "Aborted");
            case MAP_RUN_STARTED -> {
                distributed.add(state);
                emit(event, "MapRunStarted", "mapRunStartedEventDetails", JSON.objectNode().put("mapRunArn", event.detail()));
            }
            case MAP_RUN_SUCCEEDED -> emit(event, "MapRunSucceeded", null, null);
            case MAP_RUN_FAILED -> {
                distributed.remove(state);
                // The engine writes "<Map Run ARN>: <error>: <cause>"; an ARN has colons, never ": ".
                String detail = event.detail();
                emit(event, "MapRunFailed", "mapRunFailedEventDetails", failure(JSON.objectNode(), detail.substring(detail.indexOf(": ") + 2)));
            }
            case PARALLEL_STATE_STARTED -> emit(event, "ParallelStateStarted", null, null);
            case PARALLEL_BRANCH_FAILED -> emit(event, "ParallelStateFailed", null, null);
            case EXECUTION_SUCCEEDED -> emit(event, "ExecutionSucceeded", "executionSucceededEventDetails",
                    data(JSON.objectNode(), "output", "outputDetails", event.detail()));
            case EXECUTION_FAILED -> emit(event, "ExecutionFailed", "executionFailedEventDetails", ended());
            case EXECUTION_TIMED_OUT -> emit(event, "ExecutionTimedOut", "executionTimedOutEventDetails", ended());
            case EXECUTION_ABORTED -> {
                open.forEach((name, type) -> {
                    if (ABORTABLE.contains(type)) {
                        emit(event, type + "StateAborted", "stateExitedEventDetails", JSON.objectNode().put("name", name));
                    }
                });
                emit(event, "ExecutionAborted", "executionAbortedEventDetails", ended());
            }
            // A retry scheduled, a Wait begun, a Choice made, an error caught, a Parallel branch begun or ended: no AWS event.
            default -> { }
        }
    }

    private void scheduled(HistoryEvent event) {
        String resource = event.detail();
        resources.put(event.stateName(), resource);
        ObjectNode details = taskDetails(resource);
        if (isLambda(resource)) {
            details.put("resource", resource);
            emit(event, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails",
                    data(details, "input", "inputDetails", text(event.data())));
            emit(event, "LambdaFunctionStarted", null, null);
        } else {
            details.put("region", LocalEngine.REGION);
            if (includeData && event.data() != null) {
                details.put("parameters", event.data().toString());
            }
            emit(event, "TaskScheduled", "taskScheduledEventDetails", details);
            emit(event, "TaskStarted", "taskStartedEventDetails", taskDetails(resource));
        }
    }

    /** A document as the API carries it, a JSON string: serialized now, when the history is read. */
    private static String text(JsonNode document) {
        return document == null ? null : document.toString();
    }

    private void iteration(HistoryEvent event, String outcome) {
        String detail = event.detail();
        int colon = detail.indexOf(':');
        String index = detail.substring("iteration ".length(), colon < 0 ? detail.length() : colon);
        emit(event, "MapIteration" + outcome, "mapIteration" + outcome + "EventDetails",
                JSON.objectNode().put("name", event.stateName()).put("index", Integer.parseInt(index.trim())));
    }

    /** The error and cause the execution ended with (for a stopped one, those StopExecution gave). */
    private ObjectNode ended() {
        ObjectNode details = JSON.objectNode();
        if (execution.error() != null) {
            details.put("error", execution.error());
        }
        if (execution.cause() != null) {
            details.put("cause", execution.cause());
        }
        return details;
    }

    /** The engine writes a task failure as "error: cause". */
    private static ObjectNode failure(ObjectNode details, HistoryEvent event) {
        String detail = event.detail() == null ? "" : event.detail();
        if (event.type() == HistoryEventType.TASK_TIMED_OUT) {
            return details.put("error", "States.Timeout").put("cause", detail);
        }
        return failure(details, detail);
    }

    private static ObjectNode failure(ObjectNode details, String errorAndCause) {
        int separator = errorAndCause.indexOf(": ");
        return separator < 0
                ? details.put("error", errorAndCause)
                : details.put("error", errorAndCause.substring(0, separator)).put("cause", errorAndCause.substring(separator + 2));
    }

    private ObjectNode data(ObjectNode details, String member, String detailsMember, String value) {
        if (includeData && value != null) {
            details.put(member, value);
        }
        details.putObject(detailsMember).put("truncated", false);
        return details;
    }

    private static boolean isLambda(String resource) {
        return resource != null && resource.startsWith(LAMBDA_ARN_PREFIX);
    }

    /** TaskXxx details name the service and action; LambdaFunctionXxx details have no such members. */
    private static ObjectNode taskDetails(String resource) {
        ObjectNode details = JSON.objectNode();
        if (resource != null && resource.startsWith(INTEGRATION_ARN_PREFIX)) {
            String serviceAction = resource.substring(INTEGRATION_ARN_PREFIX.length());
            int colon = serviceAction.indexOf(':');
            details.put("resourceType", colon < 0 ? serviceAction : serviceAction.substring(0, colon));
            details.put("resource", colon < 0 ? "" : serviceAction.substring(colon + 1));
        }
        return details;
    }

    private static String taskType(String resource, String outcome) {
        return (isLambda(resource) ? "LambdaFunction" : "Task") + outcome;
    }

    private static String taskMember(String resource, String outcome) {
        return (isLambda(resource) ? "lambdaFunction" : "task") + outcome + "EventDetails";
    }

    private void emit(HistoryEvent source, String type, String detailsMember, ObjectNode details) {
        long id = events.size() + 1L;
        ObjectNode event = JSON.objectNode();
        event.put("timestamp", epochSeconds(source.timestamp()));
        event.put("type", type);
        event.put("id", id);
        event.put("previousEventId", id - 1);
        if (detailsMember != null) {
            event.set(detailsMember, details);
        }
        events.add(event);
    }
}
