package io.flinkupgrade.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.local.clock.VirtualClock;
import io.flinkupgrade.local.emulator.ApplicationView;
import io.flinkupgrade.local.emulator.MsfEmulator;
import io.flinkupgrade.local.emulator.RecordedCall;
import io.flinkupgrade.local.emulator.Scenario;
import io.flinkupgrade.local.engine.ExecutionListener;
import io.flinkupgrade.local.engine.ExecutionResult;
import io.flinkupgrade.local.engine.ExecutionStatus;
import io.flinkupgrade.local.engine.LocalEngine;
import io.flinkupgrade.local.engine.StateMachineDefinition;
import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One whole upgrade, locally: the real ASL file on the local engine, the real handlers with their
 * real SDK clients pointed at the emulator through the SDK's own endpoint override, on one virtual
 * clock that starts at the scenario's start time.
 */
public final class LocalUpgrade {
    /** The ASL file, bundled from {@code statemachine/} at build time so the CLI jar runs it anywhere. */
    public static final String BUNDLED_ASL = "/statemachine/upgrade-application.asl.json";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:flink-upgrade-outcomes";
    static final String EVENT_BUS = "flink-upgrade";
    /** Jitter must not make local runs differ from one another. */
    private static final long RANDOM_SEED = 20181123L;

    /** What a run produced, captured before the emulator stops. */
    public record Result(
            ExecutionResult execution,
            JsonNode outcome,
            List<NotificationSink.Notification> notifications,
            List<RecordedCall> calls,
            List<RecordedCall> mutatingCalls,
            Optional<ApplicationView> application) {

        public String outcomeName() {
            return outcome.path("outcome").asText();
        }
    }

    private LocalUpgrade() {}

    /** The substitutions CDK would make, with local ARNs the {@link LocalLambdaRuntime} resolves. */
    public static Map<String, String> substitutions() {
        Map<String, String> substitutions = new LinkedHashMap<>();
        for (TaskCatalog task : TaskCatalog.values()) {
            substitutions.put(task.substitutionKey(), LocalLambdaRuntime.functionArn(task));
        }
        substitutions.put("NotificationTopicArn", TOPIC_ARN);
        substitutions.put("EventBusName", EVENT_BUS);
        return substitutions;
    }

    public static StateMachineDefinition definition(Optional<Path> aslFile) {
        return StateMachineDefinition.parse(aslFile.map(LocalUpgrade::read).orElseGet(LocalUpgrade::bundledAsl), substitutions());
    }

    public static Result run(
            StateMachineDefinition definition, JsonNode input, Scenario scenario, ExecutionListener listener,
            Consumer<NotificationSink.Notification> onNotification) {
        VirtualClock clock = new VirtualClock(scenario.startTime());
        NotificationSink sink = new NotificationSink(onNotification);
        try (MsfEmulator emulator = MsfEmulator.start(scenario, clock)) {
            Map<String, String> previous = pointSdkAt(emulator);
            try {
                LocalEngine engine = new LocalEngine(new LocalLambdaRuntime(sink), clock, new Random(RANDOM_SEED), listener);
                ExecutionResult execution = engine.execute(definition, executionName(input), input);
                String applicationName = input.path("applicationName").asText("");
                return new Result(execution, outcome(execution), sink.published(), emulator.calls(), emulator.mutatingCalls(),
                        emulator.application(applicationName));
            } finally {
                restore(previous);
            }
        }
    }

    /**
     * Like the API's: application and target runtime, so one application's upgrade has one name.
     * Step Functions allows 80 characters of letters, digits, '-' and '_'.
     */
    static String executionName(JsonNode input) {
        String name = (input.path("applicationName").asText("request") + "-" + input.path("targetRuntime").asText("unknown"))
                .replaceAll("[^A-Za-z0-9_-]", "-");
        return name.length() <= 80 ? name : name.substring(0, 80);
    }

    /**
     * The outcome document: a succeeded execution's output, or the cause of FlinkUpgrade.Failed;
     * anything else (an engine error) becomes a FAILED outcome that says so.
     */
    static JsonNode outcome(ExecutionResult execution) {
        if (execution.status() == ExecutionStatus.SUCCEEDED) {
            return execution.output();
        }
        if ("FlinkUpgrade.Failed".equals(execution.error())) {
            try {
                return TaskJson.mapper().readTree(execution.cause());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ObjectNode outcome = TaskJson.mapper().createObjectNode();
        outcome.put("outcome", "FAILED");
        outcome.put("error", execution.error());
        outcome.putArray("reasons").add("the execution ended " + execution.status() + ": " + execution.cause());
        return outcome;
    }

    /**
     * The SDK's standard settings, as system properties because the handlers run in this JVM:
     * the same client code as in Lambda, aimed at the emulator with test credentials.
     */
    private static Map<String, String> pointSdkAt(MsfEmulator emulator) {
        Map<String, String> settings = Map.of(
                "aws.endpointUrl", emulator.endpoint().toString(),
                "aws.region", "us-east-1",
                "aws.accessKeyId", "local",
                "aws.secretAccessKey", "local");
        Map<String, String> previous = new HashMap<>();
        settings.forEach((key, value) -> {
            previous.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
        return previous;
    }

    private static void restore(Map<String, String> previous) {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    private static String bundledAsl() {
        try (InputStream in = LocalUpgrade.class.getResourceAsStream(BUNDLED_ASL)) {
            if (in == null) {
                throw new IllegalStateException("the workflow " + BUNDLED_ASL + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
