package io.flinkupgrade.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flinkupgrade.emulator.dynamodb.DynamoDbException;
import io.flinkupgrade.emulator.dynamodb.DynamoDbProtocol;
import io.flinkupgrade.emulator.dynamodb.DynamoDbTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loopback HTTP endpoint: tells the wire protocols apart, applies the scenario's request-level
 * faults, runs the call against the model one call at a time and records it. DynamoDB requests go
 * to their own model (the local runtime's lease table) and are not recorded as calls: those are
 * the workflow's calls to MSF and CloudWatch.
 */
final class EmulatorServer implements AutoCloseable {
    private static final String MSF_CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String CLOUDWATCH_JSON_CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]+)/");

    static {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, the
        // body then waits for the client's delayed ACK (40 ms on Linux) on every call, which made a
        // local run mostly idle. The JDK reads this once, when its first HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ApplicationModel model;
    private final Consumer<Duration> spendLatency;
    private final ObjectMapper json;
    private final MsfProtocol msf;
    private final CloudWatchProtocol cloudWatch;
    private final DynamoDbProtocol dynamoDb;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong requestCounter = new AtomicLong();

    /** Which protocol a request speaks and what it asks for. */
    private enum Protocol { MSF_JSON, CLOUDWATCH_JSON, CLOUDWATCH_QUERY }

    /** An answer; {@code headers} are the protocol's error headers, if any. */
    private record Response(int status, String contentType, String body, Map<String, String> headers) {
        static Response ok(String contentType, String body) {
            return new Response(200, contentType, body, Map.of());
        }
    }

    EmulatorServer(ApplicationModel model, DynamoDbTables tables, ObjectMapper json, int port,
            Consumer<Duration> spendLatency) {
        this.model = model;
        this.spendLatency = spendLatency;
        this.json = json;
        this.msf = new MsfProtocol(model, json);
        this.cloudWatch = new CloudWatchProtocol(model, json);
        this.dynamoDb = new DynamoDbProtocol(tables, json);
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "msf-emulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every call so far, with the other parties' actions due by now recorded in time order among them. */
    List<RecordedCall> calls() {
        synchronized (model) {
            calls.addAll(model.drainOtherPartyCalls());
        }
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String requestId = "emulator-" + requestCounter.incrementAndGet();
            Response response;
            synchronized (model) {
                response = dispatch(exchange, body, requestId);
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private Response dispatch(HttpExchange exchange, String body, String requestId) {
        region(exchange.getRequestHeaders().getFirst("Authorization")).ifPresent(model::region);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        Instant at = model.now();
        if (target != null && target.startsWith(DynamoDbProtocol.TARGET_PREFIX)) {
            return dynamoDb(target.substring(DynamoDbProtocol.TARGET_PREFIX.length()), parseJson(body));
        }
        if (target != null && target.startsWith(MsfProtocol.TARGET_PREFIX)) {
            return call(Protocol.MSF_JSON, target.substring(MsfProtocol.TARGET_PREFIX.length()), parseJson(body),
                    at, requestId);
        }
        if (target != null && target.startsWith(CloudWatchProtocol.JSON_TARGET_PREFIX)) {
            return call(Protocol.CLOUDWATCH_JSON, target.substring(CloudWatchProtocol.JSON_TARGET_PREFIX.length()),
                    parseJson(body), at, requestId);
        }
        if (target == null && contentType.startsWith("application/x-www-form-urlencoded")) {
            Map<String, String> params = CloudWatchProtocol.form(body);
            return call(Protocol.CLOUDWATCH_QUERY, params.getOrDefault("Action", ""), cloudWatch.unflatten(params),
                    at, requestId);
        }
        EmulatorException unknown = EmulatorException.client("UnknownOperationException",
                "The emulator serves kinesisanalyticsv2 (JSON 1.1) and CloudWatch (Query or JSON 1.0); got target "
                        + target + " with Content-Type " + contentType);
        return error(Protocol.MSF_JSON, unknown, requestId);
    }

    private Response call(Protocol protocol, String operation, JsonNode request, Instant at, String requestId) {
        String service = protocol == Protocol.MSF_JSON ? MsfProtocol.SERVICE : CloudWatchProtocol.SERVICE;
        String application = protocol == Protocol.MSF_JSON
                ? textOrNull(request.get("ApplicationName")) : CloudWatchProtocol.applicationOf(request);
        try {
            injectFaults(protocol, operation);
            Response response = switch (protocol) {
                case MSF_JSON -> Response.ok(MSF_CONTENT_TYPE, write(msf.handle(operation, request)));
                case CLOUDWATCH_JSON -> Response.ok(CLOUDWATCH_JSON_CONTENT_TYPE,
                        write(cloudWatch.handleJson(operation, request)));
                case CLOUDWATCH_QUERY -> Response.ok("text/xml", cloudWatch.handleQuery(operation, request, requestId));
            };
            calls.addAll(model.drainOtherPartyCalls());
            calls.add(new RecordedCall(at, service, operation, application, request, null));
            Optional<EmulatedApplication> changed = model.afterSuccess(operation, application);
            changed.ifPresent(app -> {
                ObjectNode change = json.createObjectNode()
                        .put("ApplicationName", app.name())
                        .put("Actor", "someone-else")
                        .put("ApplicationVersionId", app.current().id());
                calls.add(new RecordedCall(model.now(), MsfProtocol.SERVICE, "UpdateApplication", app.name(), change,
                        null));
            });
            for (String snapshot : model.snapshotsDeletedAfter(operation, application)) {
                ObjectNode deletion = json.createObjectNode()
                        .put("ApplicationName", application)
                        .put("Actor", "someone-else")
                        .put("SnapshotName", snapshot);
                calls.add(new RecordedCall(model.now(), MsfProtocol.SERVICE, "DeleteApplicationSnapshot", application, deletion,
                        null));
            }
            return response;
        } catch (EmulatorException e) {
            calls.addAll(model.drainOtherPartyCalls());
            calls.add(new RecordedCall(at, service, operation, application, request, e.code()));
            return error(protocol, e, requestId);
        }
    }

    /**
     * A DynamoDB call. Faults apply only where the scenario names the DynamoDB operation, so the
     * MSF and CloudWatch fault plans of existing scenarios stay as they are.
     */
    private Response dynamoDb(String operation, JsonNode request) {
        try {
            Faults faults = model.faults();
            faults.fireNamed(FaultType.THROTTLE, operation).ifPresent(fault -> {
                throw DynamoDbException.injected("ProvisionedThroughputExceededException", 400,
                        "The level of configured provisioned throughput for the table was exceeded (injected by the scenario)");
            });
            faults.fireNamed(FaultType.SERVER_ERROR, operation).ifPresent(fault -> {
                throw DynamoDbException.injected(fault.errorCode() != null ? fault.errorCode() : "InternalServerError", 500,
                        "Internal server error (injected by the scenario)");
            });
            return Response.ok(DynamoDbProtocol.CONTENT_TYPE, write(dynamoDb.handle(operation, request)));
        } catch (DynamoDbException e) {
            return new Response(e.httpStatus(), DynamoDbProtocol.CONTENT_TYPE, write(dynamoDb.error(e)), Map.of());
        }
    }

    /**
     * Request-level faults, in order: latency (then the call proceeds), throttling, 5xx, resource in use.
     * The codes are not among those the model declares per operation: ThrottlingException and a 5xx are
     * AWS's common errors of every action (https://docs.aws.amazon.com/managed-flink/latest/apiv2/CommonErrors.html,
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html), which is what a
     * client must survive; RESOURCE_IN_USE is for the operations that declare ResourceInUseException.
     */
    private void injectFaults(Protocol protocol, String operation) {
        Faults faults = model.faults();
        boolean msfCall = protocol == Protocol.MSF_JSON;
        faults.fire(FaultType.LATENCY, operation).ifPresent(fault -> {
            spendLatency.accept(Duration.ofSeconds(fault.seconds()));
        });
        faults.fire(FaultType.THROTTLE, operation).ifPresent(fault -> {
            throw EmulatorException.client(msfCall ? "ThrottlingException" : "Throttling", "Rate exceeded");
        });
        faults.fire(FaultType.SERVER_ERROR, operation).ifPresent(fault -> {
            String code = fault.errorCode() != null ? fault.errorCode()
                    : msfCall ? "ServiceUnavailableException" : "InternalServiceError";
            throw new EmulatorException(code, 500, "The service is unavailable (injected by the scenario)");
        });
        faults.fire(FaultType.RESOURCE_IN_USE, operation).ifPresent(fault -> {
            throw EmulatorException.inUse("The application is not available for this operation"
                    + " (injected by the scenario)");
        });
    }

    private Response error(Protocol protocol, EmulatorException e, String requestId) {
        return switch (protocol) {
            case MSF_JSON -> new Response(e.httpStatus(), MSF_CONTENT_TYPE, errorJson(e),
                    Map.of("x-amzn-ErrorType", e.code()));
            // awsQueryCompatible JSON: the CLI reads the Query error code and type from x-amzn-query-error.
            case CLOUDWATCH_JSON -> new Response(e.httpStatus(), CLOUDWATCH_JSON_CONTENT_TYPE, errorJson(e),
                    Map.of("x-amzn-ErrorType", e.code(),
                            "x-amzn-query-error", e.code() + ";" + (e.httpStatus() >= 500 ? "Receiver" : "Sender")));
            case CLOUDWATCH_QUERY -> new Response(e.httpStatus(), "text/xml",
                    CloudWatchProtocol.queryError(e, requestId), Map.of());
        };
    }

    private String errorJson(EmulatorException e) {
        return write(json.createObjectNode().put("__type", e.code()).put("message", e.getMessage()));
    }

    /** The JSON request body; an unreadable one is recorded as text and fails as a missing member would. */
    private JsonNode parseJson(String body) {
        try {
            JsonNode node = body.isBlank() ? null : json.readTree(body);
            return node != null && node.isObject() ? node : json.createObjectNode().put("UnreadableBody", body);
        } catch (IOException e) {
            return json.createObjectNode().put("UnreadableBody", body);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The region of a SigV4 credential scope, {@code Credential=<key>/<date>/<region>/<service>/aws4_request}
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
     */
    static Optional<String> region(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher scope = CREDENTIAL_SCOPE.matcher(authorization);
        return scope.find() ? Optional.of(scope.group(1)) : Optional.empty();
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
