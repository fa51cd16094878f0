package io.flinkupgrade.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.errors.UpgradeRejectedException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lines an operator reads: rendered by the layout log4j2.xml configures, one JSON object each. */
class TaskLogTest {
    private final List<String> lines = new ArrayList<>();
    private AbstractAppender capture;

    @BeforeEach
    void captureWhatTheJsonAppenderWrites() {
        Configuration configuration = ((LoggerContext) LogManager.getContext(false)).getConfiguration();
        Layout<?> json = configuration.getAppender("JsonAppender").getLayout();
        capture = new AbstractAppender("capture", null, json, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(new String(getLayout().toByteArray(event), java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        capture.start();
        configuration.getRootLogger().addAppender(capture, null, null);
    }

    @AfterEach
    void stopCapturing() {
        ((LoggerContext) LogManager.getContext(false)).getConfiguration().getRootLogger().removeAppender("capture");
    }

    private static Context lambda() {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getFunctionName" -> "flink-upgrade-CheckHealth";
                    case "getAwsRequestId" -> "request-1";
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:eu-west-1:123456789012:function:flink-upgrade-CheckHealth";
                    case "getFunctionVersion" -> "$LATEST";
                    case "getMemoryLimitInMB" -> 512;
                    default -> null;
                });
    }

    private static final ExecutionContext EXECUTION = new ExecutionContext(
            "arn:aws:states:eu-west-1:123456789012:execution:flink-upgrade:orders-enricher-FLINK-1_20", "orders-enricher-FLINK-1_20",
            "CheckRollbackHealth", "orders-enricher");

    private JsonNode onlyLine() throws Exception {
        assertThat(lines).hasSize(1);
        return new ObjectMapper().readTree(lines.get(0));
    }

    @Test
    void aDecision_isOneJsonLine_withTheExecutionStateApplicationOutcomeFunctionAndNumbers() throws Exception {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("restarts.increase", 3.0);
        numbers.put("done", "true");

        String result = TaskLog.around(lambda(), EXECUTION, () -> "verdict",
                verdict -> TaskLog.decision("UNHEALTHY", "unhealthy: 3 restarts", numbers));

        JsonNode line = onlyLine();
        assertThat(result).isEqualTo("verdict");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("unhealthy: 3 restarts");
        assertThat(line.path("application").asText()).isEqualTo("orders-enricher");
        assertThat(line.path("execution").asText()).isEqualTo("orders-enricher-FLINK-1_20");
        assertThat(line.path("executionArn").asText()).isEqualTo(EXECUTION.id());
        assertThat(line.path("state").asText()).isEqualTo("CheckRollbackHealth");
        assertThat(line.path("outcome").asText()).isEqualTo("UNHEALTHY");
        assertThat(line.path("restarts.increase").asDouble()).isEqualTo(3.0);
        assertThat(line.path("function_name").asText()).isEqualTo("flink-upgrade-CheckHealth");
        assertThat(line.path("function_request_id").asText()).isEqualTo("request-1");
        assertThat(line.has("timestamp")).isTrue();
    }

    @Test
    void aTaskEndingInANamedError_logsOneWarning_withTheErrorAsOutcome_andRethrows() throws Exception {
        assertThatThrownBy(() -> TaskLog.around(lambda(), EXECUTION, () -> {
            throw new UpgradeRejectedException("targetRuntime", "FLINK-1_13 is older than FLINK-1_15");
        }, result -> TaskLog.decision("PLANNED", "never", Map.of()))).isInstanceOf(UpgradeRejectedException.class);

        JsonNode line = onlyLine();
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("outcome").asText()).isEqualTo("UpgradeRejectedException");
        assertThat(line.path("message").asText()).contains("older than");
        assertThat(line.path("application").asText()).isEqualTo("orders-enricher");
        assertThat(line.path("state").asText()).isEqualTo("CheckRollbackHealth");
    }

    @Test
    void theExecutionKeys_lastOnlyForTheTask() throws Exception {
        TaskLog.around(lambda(), EXECUTION, () -> "done", result -> { });
        TaskLog.decision("PLANNED", "outside any task", Map.of());

        JsonNode line = onlyLine();
        assertThat(line.has("execution")).isFalse();
        assertThat(line.has("state")).isFalse();
        assertThat(line.has("application")).isFalse();
    }

    @Test
    void aPollThatDecidedNothing_isDebug_soTheDefaultLevelLeavesItOut() {
        TaskLog.around(lambda(), EXECUTION, () -> "CREATING",
                status -> TaskLog.progress(status, "Snapshot is CREATING", Map.of()));

        assertThat(lines).isEmpty();
    }
}
