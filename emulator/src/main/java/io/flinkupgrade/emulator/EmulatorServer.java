package io.flinkupgrade.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.flinkupgrade.emulator.dynamodb.DynamoDbException;
import io.flinkupgrade.emulator.dynamodb.DynamoDbProtocol;
import io.flinkupgrade.emulator.dynamodb.DynamoDbTables;
import io.flinkupgrade.emulator.s3.ObjectStore;
import io.flinkupgrade.emulator.s3.S3Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The loopback HTTP endpoint: tells the wire protocols apart, has the protocol decode the request
 * into a call on the model, one call at a time, and encodes the answer or the error. DynamoDB and S3
 * requests go to their own models (the local runtime's lease table, its report bucket) and are not
 * journaled as calls: those are the workflow's calls to MSF and CloudWatch.
 */
final class EmulatorServer implements AutoCloseable {
    private static final String MSF_CONTENT_TYPE = "application/x-amz-json-1.1";
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
    private final ObjectMapper json;
    private final MsfProtocol msf;
    private final CloudWatchJsonCodec cloudWatchJson;
    private final CloudWatchQueryCodec cloudWatchQuery;
    private final DynamoDbProtocol dynamoDb;
    private final S3Protocol s3;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong requestCounter = new AtomicLong();
    /** Other services on the same endpoint, by X-Amz-Target prefix: handled outside the model's lock, never recorded. */
    private final Map<String, HttpHandler> otherServices = new ConcurrentHashMap<>();

    /** Which protocol a request speaks and what it asks for. */
    private enum Protocol { MSF_JSON, CLOUDWATCH_JSON, CLOUDWATCH_QUERY }

    /** An answer; {@code headers} are the protocol's error headers, if any. */
    private record Response(int status, String contentType, String body, Map<String, String> headers) {
        static Response ok(String contentType, String body) {
            return new Response(200, contentType, body, Map.of());
        }
    }

    EmulatorServer(ApplicationModel model, DynamoDbTables tables, ObjectStore objects, ObjectMapper json, int port) {
        this.model = model;
        this.json = json;
        this.msf = new MsfProtocol(model, json);
        CloudWatchModel cloudWatch = new CloudWatchModel(model);
        this.cloudWatchJson = new CloudWatchJsonCodec(cloudWatch, json);
        this.cloudWatchQuery = new CloudWatchQueryCodec(cloudWatch, json);
        this.dynamoDb = new DynamoDbProtocol(tables, json);
        this.s3 = new S3Protocol(objects);
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

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Hands every request whose X-Amz-Target starts with {@code targetPrefix} to {@code handler}. */
    void serve(String targetPrefix, HttpHandler handler) {
        otherServices.put(targetPrefix, handler);
    }

    private void exchange(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            for (Map.Entry<String, HttpHandler> service : otherServices.entrySet()) {
                if (target.startsWith(service.getKey())) {
                    service.getValue().handle(exchange);
                    return;
                }
            }
        }
        if (S3Protocol.speaks(exchange)) {
            // Its own store, outside the model's lock, not journaled: objects are neither MSF nor CloudWatch calls.
            try (exchange) {
                s3.handle(exchange, "emulator-" + requestCounter.incrementAndGet());
            }
            return;
        }
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
        if (target != null && target.startsWith(DynamoDbProtocol.TARGET_PREFIX)) {
            return dynamoDb(target.substring(DynamoDbProtocol.TARGET_PREFIX.length()), parseJson(body));
        }
        if (target != null && target.startsWith(MsfProtocol.TARGET_PREFIX)) {
            return call(Protocol.MSF_JSON, target.substring(MsfProtocol.TARGET_PREFIX.length()), parseJson(body),
                    requestId);
        }
        if (target != null && target.startsWith(CloudWatchJsonCodec.TARGET_PREFIX)) {
            return call(Protocol.CLOUDWATCH_JSON, target.substring(CloudWatchJsonCodec.TARGET_PREFIX.length()),
                    parseJson(body), requestId);
        }
        if (target == null && contentType.startsWith("application/x-www-form-urlencoded")) {
            Map<String, String> params = CloudWatchQueryCodec.form(body);
            return call(Protocol.CLOUDWATCH_QUERY, params.getOrDefault("Action", ""), cloudWatchQuery.unflatten(params),
                    requestId);
        }
        EmulatorException unknown = EmulatorException.client("UnknownOperationException",
                "The emulator serves kinesisanalyticsv2 (JSON 1.1), CloudWatch (Query or JSON 1.0), DynamoDB and S3 (REST); got target "
                        + target + " with Content-Type " + contentType);
        return error(Protocol.MSF_JSON, unknown, requestId);
    }

    private Response call(Protocol protocol, String operation, JsonNode request, String requestId) {
        ApplicationModel.Call call = protocol == Protocol.MSF_JSON
                ? new ApplicationModel.Call(Service.KINESIS_ANALYTICS_V2, operation, textOrNull(request.get("ApplicationName")),
                        request)
                : new ApplicationModel.Call(Service.CLOUDWATCH, operation, CloudWatchRequests.applicationOf(request), request);
        try {
            return switch (protocol) {
                case MSF_JSON -> Response.ok(MSF_CONTENT_TYPE, write(model.call(call, () -> msf.handle(operation, request))));
                case CLOUDWATCH_JSON -> Response.ok(CloudWatchJsonCodec.CONTENT_TYPE,
                        write(model.call(call, () -> cloudWatchJson.handle(operation, request))));
                case CLOUDWATCH_QUERY -> Response.ok(CloudWatchQueryCodec.CONTENT_TYPE,
                        model.call(call, () -> cloudWatchQuery.handle(operation, request, requestId)));
            };
        } catch (EmulatorException e) {
            return error(protocol, e, requestId);
        }
    }

    /** A DynamoDB call; the tables ask the fault plan. */
    private Response dynamoDb(String operation, JsonNode request) {
        try {
            return Response.ok(DynamoDbProtocol.CONTENT_TYPE, write(dynamoDb.handle(operation, request)));
        } catch (DynamoDbException e) {
            return new Response(e.httpStatus(), DynamoDbProtocol.CONTENT_TYPE, write(dynamoDb.error(e)), Map.of());
        }
    }

    private Response error(Protocol protocol, EmulatorException e, String requestId) {
        return switch (protocol) {
            case MSF_JSON -> new Response(e.httpStatus(), MSF_CONTENT_TYPE, errorJson(e),
                    Map.of("x-amzn-ErrorType", e.code()));
            // awsQueryCompatible JSON: the CLI reads the Query error code and type from x-amzn-query-error.
            case CLOUDWATCH_JSON -> new Response(e.httpStatus(), CloudWatchJsonCodec.CONTENT_TYPE, errorJson(e),
                    Map.of("x-amzn-ErrorType", e.code(),
                            "x-amzn-query-error", e.code() + ";" + (e.httpStatus() >= 500 ? "Receiver" : "Sender")));
            case CLOUDWATCH_QUERY -> new Response(e.httpStatus(), CloudWatchQueryCodec.CONTENT_TYPE,
                    CloudWatchQueryCodec.error(e, requestId), Map.of());
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
