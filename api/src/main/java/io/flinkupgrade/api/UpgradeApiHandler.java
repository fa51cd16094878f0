package io.flinkupgrade.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The API Gateway (REST, Lambda proxy) entry point of the read routes: {@code GET /upgrades} and
 * {@code GET /upgrades/{id}}. The event's resource and method pick the route; the answer is JSON with
 * 200, 400 (a parameter named) or 404; anything else is logged and answered 502 without detail.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
public final class UpgradeApiHandler implements RequestStreamHandler {
    static final String TABLE_NAME = "LEASE_TABLE_NAME";
    static final String STATE_MACHINE_ARN = "STATE_MACHINE_ARN";
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeApiHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private final UpgradeQueries queries;

    /** The Lambda runtime's constructor: clients from the environment (Region, credentials), the table and machine from its variables. */
    public UpgradeApiHandler() {
        this(new UpgradeQueries(
                DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build()).build(),
                SfnClient.builder().httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build()).build(),
                Clock.systemUTC(), System.getenv(TABLE_NAME), System.getenv(STATE_MACHINE_ARN)));
    }

    UpgradeApiHandler(UpgradeQueries queries) {
        this.queries = queries;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        JSON.writeValue(output, respond(event));
    }

    /** The proxy response for one proxy event. */
    ObjectNode respond(JsonNode event) {
        String route = event.path("httpMethod").asText() + " " + event.path("resource").asText();
        try {
            Object body = switch (route) {
                case "GET /upgrades" -> queries.list(ListRequest.fromQuery(strings(event.path("queryStringParameters"))));
                case "GET /upgrades/{id}" -> queries.describe(event.path("pathParameters").path("id").asText(null));
                default -> throw ApiException.notFound("No route " + route);
            };
            return response(200, JSON.valueToTree(body));
        } catch (ApiException e) {
            return response(e.statusCode(), JSON.createObjectNode().put("error", e.error()).put("message", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} failed", route, e);
            return response(502, JSON.createObjectNode().put("error", "UpstreamError")
                    .put("message", "DynamoDB or Step Functions did not answer; retry later"));
        }
    }

    private static ObjectNode response(int statusCode, JsonNode body) {
        ObjectNode response = JSON.createObjectNode().put("statusCode", statusCode);
        response.putObject("headers").put("Content-Type", "application/json");
        response.put("body", body.toString());
        return response;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> strings = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> strings.put(e.getKey(), e.getValue().asText()));
        return strings;
    }
}
