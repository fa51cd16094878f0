package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.lang.StringEscapeUtils;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.junit.jupiter.api.Test;

/** Renders the mapping templates with Velocity 1.7, API Gateway's engine, against stand-ins for $input, $util and $context. */
class ApiTemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE_MACHINE_ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:flink-upgrade";
    private static final String EXECUTION_PREFIX = "arn:aws:states:eu-west-1:123456789012:execution:flink-upgrade";
    private static final String REQUEST = """
            {"applicationName": "orders-enricher", "targetRuntime": "FLINK-1_20",
             "code": {"bucketArn": "arn:aws:s3:::flink-artifacts", "fileKey": "it's \\"quoted\\".jar"}}""";

    /** API Gateway's $input: the body, JSONPath-lite lookups and the request parameters. */
    public static final class Input {
        private final JsonNode body;
        private final Map<String, Object> params;

        Input(String body, Map<String, String> headers, Map<String, String> path) throws Exception {
            this.body = JSON.readTree(body);
            this.params = Map.of("header", headers, "path", path, "querystring", Map.of());
        }

        private JsonNode node(String jsonPath) {
            return jsonPath.equals("$") ? body : body.at("/" + jsonPath.substring(2).replace('.', '/'));
        }

        public Object path(String jsonPath) {
            JsonNode node = node(jsonPath);
            return node.isMissingNode() ? "" : node.isTextual() ? node.asText() : JSON.convertValue(node, Object.class);
        }

        public String json(String jsonPath) {
            return node(jsonPath).toString();
        }

        public Map<String, Object> params() {
            return params;
        }

        @SuppressWarnings("unchecked")
        public String params(String name) {
            for (String where : List.of("path", "querystring", "header")) {
                String value = ((Map<String, String>) params.get(where)).get(name);
                if (value != null) {
                    return value;
                }
            }
            return "";
        }
    }

    /** API Gateway's $util; escapeJavaScript is commons-lang's, as in API Gateway. */
    public static final class Util {
        public String escapeJavaScript(String text) {
            return StringEscapeUtils.escapeJavaScript(text);
        }

        public Object parseJson(String text) throws Exception {
            return JSON.readValue(text, Object.class);
        }
    }

    private record Rendered(JsonNode body, Object status) {
    }

    private static Rendered render(String template, String body, Map<String, String> headers, Map<String, String> path) throws Exception {
        VelocityEngine engine = new VelocityEngine();
        engine.init();
        Map<String, Object> override = new HashMap<>();
        VelocityContext context = new VelocityContext();
        context.put("input", new Input(body, headers, path));
        context.put("util", new Util());
        context.put("context", new HashMap<>(Map.of("responseOverride", override)));
        StringWriter out = new StringWriter();
        engine.evaluate(context, out, "template", template
                .replace(ApiTemplates.STATE_MACHINE_ARN, STATE_MACHINE_ARN)
                .replace(ApiTemplates.EXECUTION_ARN_PREFIX, EXECUTION_PREFIX));
        return new Rendered(JSON.readTree(out.toString()), override.get("status"));
    }

    private static Rendered start(Map<String, String> headers, String body) throws Exception {
        return render(ApiTemplates.START_REQUEST, body, headers, Map.of());
    }

    @Test
    void startRequest_namesTheExecutionAfterApplicationAndRuntime_andPassesTheBodyAsInput() throws Exception {
        JsonNode request = start(Map.of(), REQUEST).body();
        assertThat(request.path("stateMachineArn").asText()).isEqualTo(STATE_MACHINE_ARN);
        assertThat(request.path("name").asText()).isEqualTo("orders-enricher-FLINK-1_20");
        assertThat(JSON.readTree(request.path("input").asText())).isEqualTo(JSON.readTree(REQUEST));
    }

    @Test
    void startRequest_withAnAttemptHeaderInEitherCase_appendsIt() throws Exception {
        assertThat(start(Map.of("X-Upgrade-Attempt", "2"), REQUEST).body().path("name").asText())
                .isEqualTo("orders-enricher-FLINK-1_20-2");
        assertThat(start(Map.of("x-upgrade-attempt", "retry-after-fix"), REQUEST).body().path("name").asText())
                .isEqualTo("orders-enricher-FLINK-1_20-retry-after-fix");
    }

    @Test
    void startRequest_keepsTheNameWithinEightyCharacters_cuttingTheApplicationPart() throws Exception {
        String longName = "a".repeat(128);
        String name = start(Map.of("X-Upgrade-Attempt", "3"), REQUEST.replace("orders-enricher", longName)).body().path("name").asText();
        assertThat(name).hasSize(80).startsWith("aaaa").endsWith("-3");
    }

    @Test
    void startResponse_returnsTheExecutionIdArnAndStart() throws Exception {
        JsonNode response = render(ApiTemplates.START_RESPONSE,
                "{\"executionArn\": \"" + EXECUTION_PREFIX + ":orders-enricher-FLINK-1_20\", \"startDate\": 1.7645E9}", Map.of(), Map.of()).body();
        assertThat(response.path("id").asText()).isEqualTo("orders-enricher-FLINK-1_20");
        assertThat(response.path("executionArn").asText()).isEqualTo(EXECUTION_PREFIX + ":orders-enricher-FLINK-1_20");
        assertThat(response.path("startDate").asDouble()).isEqualTo(1.7645E9);
    }

    @Test
    void startError_executionAlreadyExists_becomes409() throws Exception {
        Rendered rendered = render(ApiTemplates.START_ERROR,
                "{\"__type\": \"com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists\", \"message\": \"Execution Already Exists: 'x'\"}",
                Map.of(), Map.of());
        assertThat(rendered.status()).isEqualTo(409);
        assertThat(rendered.body().path("error").asText()).isEqualTo("UpgradeAlreadyStarted");
    }

    @Test
    void startError_invalidName_staysA400_andOtherErrorsAre502() throws Exception {
        assertThat(render(ApiTemplates.START_ERROR, "{\"__type\": \"InvalidName\", \"message\": \"bad\"}", Map.of(), Map.of()).status()).isNull();
        assertThat(render(ApiTemplates.START_ERROR, "{\"__type\": \"AccessDeniedException\", \"message\": \"no\"}", Map.of(), Map.of()).status())
                .isEqualTo(502);
    }

    @Test
    void abortRequest_stopsTheExecutionOfThisStateMachineNamedById_withAnAbortError() throws Exception {
        JsonNode request = render(ApiTemplates.ABORT_REQUEST, "{}", Map.of(), Map.of("id", "orders-enricher-FLINK-1_20")).body();
        assertThat(request.path("executionArn").asText()).isEqualTo(EXECUTION_PREFIX + ":orders-enricher-FLINK-1_20");
        assertThat(request.path("error").asText()).isEqualTo("FlinkUpgrade.Aborted");
        assertThat(request.path("cause").asText()).contains("POST /upgrades/{id}/abort");
    }

    @Test
    void abortResponse_saysTheLeaseIsReleasedByTheCleanup_andNothingWasRolledBack() throws Exception {
        JsonNode response = render(ApiTemplates.ABORT_RESPONSE, "{\"stopDate\": 1.7646E9}", Map.of(), Map.of("id", "it's-me")).body();
        assertThat(response.path("id").asText()).isEqualTo("it's-me");
        assertThat(response.path("status").asText()).isEqualTo("ABORTED");
        assertThat(response.path("stopDate").asDouble()).isEqualTo(1.7646E9);
        assertThat(response.path("leaseReleased").asText()).contains("cleanup rule");
        assertThat(response.path("message").asText()).contains("no rollback", "describe-application");
    }

    @Test
    void executionError_unknownExecution_becomes404_andAnythingElse502() throws Exception {
        Rendered rendered = render(ApiTemplates.EXECUTION_ERROR, "{\"__type\": \"ExecutionDoesNotExist\", \"message\": \"nope\"}",
                Map.of(), Map.of("id", "nope"));
        assertThat(rendered.status()).isEqualTo(404);
        assertThat(rendered.body().path("error").asText()).isEqualTo("NotFound");
        assertThat(render(ApiTemplates.EXECUTION_ERROR, "{\"__type\": \"AccessDeniedException\", \"message\": \"no\"}",
                Map.of(), Map.of("id", "x")).status()).isEqualTo(502);
    }
}
