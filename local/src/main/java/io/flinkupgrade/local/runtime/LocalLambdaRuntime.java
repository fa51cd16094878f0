package io.flinkupgrade.local.runtime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.TaskContext;
import io.flinkupgrade.engine.TaskFailedException;
import io.flinkupgrade.engine.TaskInvoker;
import io.flinkupgrade.wiring.AwsClients;
import io.flinkupgrade.wiring.HandlerTypes;
import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.TaskJson;
import io.flinkupgrade.wiring.TaskSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Invokes Task resources as Step Functions would: Lambda ARNs run the real handler classes from
 * the {@link TaskCatalog}, with input and output through {@link TaskSerializer} (as the Java
 * runtime does) and failures reported as the runtime reports them (error = the exception's
 * fully-qualified class name, cause = the runtime's JSON error document); SNS and EventBridge
 * integrations go to the {@link NotificationSink}; DynamoDB integrations go through the real SDK
 * client to a DynamoDB endpoint ({@link DynamoDbIntegration}), and a Distributed Map's S3 reads and
 * writes through the real SDK client to the handlers' S3 ({@link S3Integration}).
 */
public final class LocalLambdaRuntime implements TaskInvoker {
    private static final String LAMBDA_ARN_PREFIX = "arn:aws:lambda:";
    private static final String SNS_PUBLISH = "arn:aws:states:::sns:publish";
    private static final String EVENTS_PUT = "arn:aws:states:::events:putEvents";

    /** Told when a task's handler starts and ends, so the calls it makes in between can be put down to it. */
    interface TaskObserver {
        TaskObserver NONE = new TaskObserver() {
            @Override
            public void started(TaskCatalog task, String stateName) { }

            @Override
            public void ended(TaskCatalog task, String stateName) { }
        };

        void started(TaskCatalog task, String stateName);

        void ended(TaskCatalog task, String stateName);
    }

    private final TaskSerializer serializer = new TaskSerializer();
    private final Map<TaskCatalog, RequestHandler<Object, Object>> containers = new EnumMap<>(TaskCatalog.class);
    private final List<JsonNode> metricDocuments = new ArrayList<>();
    private final NotificationSink notifications;
    private final DynamoDbIntegration dynamoDb;
    private final TaskObserver observer;
    private final AwsClients clients;
    private final S3Integration s3;

    LocalLambdaRuntime(NotificationSink notifications, DynamoDbIntegration dynamoDb, AwsClients clients) {
        this(notifications, dynamoDb, clients, TaskObserver.NONE);
    }

    /** {@code clients} are the handlers' SDK clients: this runtime's own endpoint, never the JVM's settings. */
    LocalLambdaRuntime(NotificationSink notifications, DynamoDbIntegration dynamoDb, AwsClients clients,
            TaskObserver observer) {
        this.notifications = notifications;
        this.dynamoDb = dynamoDb;
        this.clients = clients;
        this.observer = observer;
        this.s3 = new S3Integration(clients);
    }

    /** The function ARN the local substitutions give a task; {@link #invoke} resolves it back. */
    public static String functionArn(TaskCatalog task) {
        return LAMBDA_ARN_PREFIX + "us-east-1:123456789012:function:flink-upgrade-" + task.functionName();
    }

    @Override
    public JsonNode invoke(String resource, JsonNode arguments, TaskContext context) {
        if (SNS_PUBLISH.equals(resource)) {
            return notifications.publish(arguments, context.enteredTime());
        }
        if (EVENTS_PUT.equals(resource)) {
            return notifications.putEvents(arguments, context.enteredTime());
        }
        if (DynamoDbIntegration.serves(resource)) {
            return dynamoDb.invoke(resource, arguments);
        }
        if (S3Integration.serves(resource)) {
            return s3.invoke(resource, arguments);
        }
        if (resource.startsWith(LAMBDA_ARN_PREFIX)) {
            return invokeLambda(task(resource), arguments, context);
        }
        throw new TaskFailedException("States.Runtime", "the local runtime has no integration for resource " + resource);
    }

    private static TaskCatalog task(String functionArn) {
        String name = functionArn.substring(functionArn.indexOf(":function:") + ":function:".length());
        String function = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        return TaskCatalog.byFunctionName(function.replaceFirst("^flink-upgrade-", ""))
                .orElseThrow(() -> new TaskFailedException("Lambda.ResourceNotFoundException",
                        "Function not found: " + functionArn));
    }

    private JsonNode invokeLambda(TaskCatalog task, JsonNode arguments, TaskContext context) {
        observer.started(task, context.stateName());
        try {
            return runHandler(task, arguments, context);
        } finally {
            observer.ended(task, context.stateName());
        }
    }

    private JsonNode runHandler(TaskCatalog task, JsonNode arguments, TaskContext context) {
        try {
            Object input = serializer.fromJson(TaskJson.mapper().writeValueAsString(arguments), HandlerTypes.input(task.handlerClass()));
            Object output = LocalMetrics.during(this::metricDocument, () -> containers.computeIfAbsent(task, this::coldStart)
                    .handleRequest(input, new LocalLambdaContext(task.functionName(), context.stateName())));
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            serializer.toJson(output, json, Object.class);
            return TaskJson.mapper().readTree(json.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            throw new TaskFailedException(e.getClass().getName(), errorDocument(e));
        }
    }

    /**
     * One EMF document a task printed: kept for the run's result, and on stderr next to the tasks'
     * log lines when their logger is on (run --verbose), as Lambda's log stream has both.
     */
    private void metricDocument(String document) {
        try {
            metricDocuments.add(TaskJson.mapper().readTree(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (LoggerFactory.getLogger("io.flinkupgrade").isInfoEnabled()) {
            System.err.println(document);
        }
    }

    /** Every EMF document the tasks printed so far, oldest first. */
    List<JsonNode> metricDocuments() {
        return Collections.unmodifiableList(metricDocuments);
    }

    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> coldStart(TaskCatalog task) {
        return (RequestHandler<Object, Object>) task.newHandler(clients);
    }

    /** The Java runtime's error JSON: {@code errorMessage}, {@code errorType}, {@code stackTrace}. */
    private static String errorDocument(Throwable e) {
        ObjectNode error = TaskJson.mapper().createObjectNode();
        error.put("errorMessage", e.getMessage());
        error.put("errorType", e.getClass().getName());
        ArrayNode trace = error.putArray("stackTrace");
        for (StackTraceElement frame : e.getStackTrace()) {
            trace.add(frame.toString());
        }
        return error.toString();
    }
}
