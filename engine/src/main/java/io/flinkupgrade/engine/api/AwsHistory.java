package io.flinkupgrade.engine.api;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An execution's history as GetExecutionHistory answers it: AWS's event types and their details
 * members (https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html).
 *
 * <p>A Task whose Resource is a Lambda function ARN records LambdaFunctionScheduled, Started,
 * Succeeded or Failed; a service integration ({@code arn:aws:states:::service:action}) records
 * TaskScheduled, TaskStarted, TaskSucceeded or TaskFailed with the service as {@code resourceType} and
 * the action as {@code resource}. A stopped execution records {@code <Type>StateAborted} for the state
 * it was in, then ExecutionAborted. Engine events AWS has no event for (a retry scheduled, a Choice
 * made, an error caught, a Parallel branch) are left out, and events are numbered afresh.
 * INFERRED: {@code previousEventId} is the event just before (AWS's points at the event that led to
 * this one, which is the one before in a sequential execution). Not recorded, as the engine does not
 * keep them: a state's input (StateEntered's optional {@code input}), a task's evaluated arguments
 * (TaskScheduled's {@code parameters}), and the Map and Parallel Started/Succeeded events.
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
                emit(event, event.detail() + "StateEntered", "stateEnteredEventDetails", JSON.objectNode().put("name", state));
            }
            case STATE_EXITED -> {
                open.remove(state);
                ObjectNode details = data(JSON.objectNode().put("name", state), "output", "outputDetails", event.detail());
                emit(event, types.get(state) + "StateExited", "stateExitedEventDetails", details);
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
            case MAP_ITERATION_STARTED -> iteration(event, "Started");
            case MAP_ITERATION_SUCCEEDED -> iteration(event, "Succeeded");
            case MAP_ITERATION_FAILED -> iteration(event, "Failed");
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
            // A retry scheduled, a Wait begun, a Choice made, an error caught, a Parallel branch: no AWS event.
            default -> { }
        }
    }

    private void scheduled(HistoryEvent event) {
        String resource = event.detail();
        resources.put(event.stateName(), resource);
        ObjectNode details = taskDetails(resource);
        if (isLambda(resource)) {
            details.put("resource", resource);
            emit(event, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details);
            emit(event, "LambdaFunctionStarted", null, null);
        } else {
            details.put("region", LocalEngine.REGION);
            emit(event, "TaskScheduled", "taskScheduledEventDetails", details);
            emit(event, "TaskStarted", "taskStartedEventDetails", taskDetails(resource));
        }
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
        int separator = detail.indexOf(": ");
        return separator < 0
                ? details.put("error", detail)
                : details.put("error", detail.substring(0, separator)).put("cause", detail.substring(separator + 2));
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
