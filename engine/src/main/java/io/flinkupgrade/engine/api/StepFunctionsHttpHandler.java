package io.flinkupgrade.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.flinkupgrade.engine.StepFunctionsException;
import java.io.IOException;
import java.util.UUID;

/**
 * The HTTP side of {@link StepFunctionsProtocol}, for any JDK HTTP server (the emulator's endpoint
 * hands it every request whose {@code X-Amz-Target} starts with {@code AWSStepFunctions.}). Errors
 * go out as AWS JSON 1.0 errors, {@code {"__type": name, "message": ...}} with HTTP 400, which the SDKs
 * and the AWS CLI turn into the exception of that name.
 */
public final class StepFunctionsHttpHandler implements HttpHandler {
    /** Timestamps as plain epoch seconds with milliseconds (1748854800.000). */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final StepFunctionsProtocol protocol;

    public StepFunctionsHttpHandler(LocalStepFunctions stepFunctions) {
        this.protocol = new StepFunctionsProtocol(stepFunctions);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String operation = target.startsWith(StepFunctionsProtocol.TARGET_PREFIX)
                    ? target.substring(StepFunctionsProtocol.TARGET_PREFIX.length()) : target;
            int status = 200;
            JsonNode answer;
            try {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                answer = protocol.handle(operation, request == null || !request.isObject() ? JSON.createObjectNode() : request);
            } catch (StepFunctionsException e) {
                status = 400;
                answer = JSON.createObjectNode().put("__type", e.errorCode()).put("message", e.getMessage());
            } catch (JsonProcessingException e) {
                status = 400;
                answer = JSON.createObjectNode().put("__type", "SerializationException").put("message", e.getOriginalMessage());
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", StepFunctionsProtocol.CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
