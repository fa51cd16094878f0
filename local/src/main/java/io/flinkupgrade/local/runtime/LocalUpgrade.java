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
import io.flinkupgrade.local.engine.HistoryEvent;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;

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

    /**
     * What one execution produced, captured before the emulator stops: its calls, mutating calls, the
     * calls each task's handler made, and notifications (not those of earlier executions in the same
     * {@link Session}), and the application as it was when the execution started and as it is when it ended.
     */
    public record Result(
            ExecutionResult execution,
            JsonNode outcome,
            List<NotificationSink.Notification> notifications,
            List<RecordedCall> calls,
            List<RecordedCall> mutatingCalls,
            List<TaskCall> taskCalls,
            Optional<ApplicationView> applicationBefore,
            Optional<ApplicationView> application) {

        public String outcomeName() {
            return outcome.path("outcome").asText();
        }
    }

    /**
     * One emulator, one virtual clock and one set of warm Lambda containers for several executions,
     * one after another: how a re-run meets the world an earlier, interrupted execution left behind.
     * The SDK settings that point the handlers at the emulator hold until {@link #close()}.
     */
    public static final class Session implements AutoCloseable {
        private final StateMachineDefinition definition;
        private final MsfEmulator emulator;
        private final NotificationSink sink;
        private final LocalEngine engine;
        private final SdkSettings sdk;
        private final List<TaskCall> taskCalls = new ArrayList<>();

        private Session(StateMachineDefinition definition, Scenario scenario, ExecutionListener listener,
                Consumer<NotificationSink.Notification> onNotification) {
            VirtualClock clock = new VirtualClock(scenario.startTime());
            this.definition = definition;
            this.emulator = MsfEmulator.start(scenario, clock);
            this.sdk = SdkSettings.pointedAt(emulator.endpoint());
            this.sink = new NotificationSink(onNotification);
            this.engine = new LocalEngine(new LocalLambdaRuntime(sink, new CallAttribution()), clock, new Random(RANDOM_SEED), listener);
        }

        /**
         * Tasks run one at a time on the engine's thread, so the calls the emulator received between a
         * task's start and end are that task's (less the changes a scenario makes as someone else).
         */
        private final class CallAttribution implements LocalLambdaRuntime.TaskObserver {
            private int callsBefore;

            @Override
            public void started(TaskCatalog task, String stateName) {
                callsBefore = emulator.calls().size();
            }

            @Override
            public void ended(TaskCatalog task, String stateName) {
                List<RecordedCall> calls = emulator.calls();
                calls.subList(callsBefore, calls.size()).stream()
                        .filter(call -> call.actor().equals("client"))
                        .forEach(call -> taskCalls.add(new TaskCall(task, stateName, call)));
            }
        }

        /** One whole execution, named as the API would name it. */
        public Result run(JsonNode input) {
            return run(input, executionName(input), event -> false);
        }

        /**
         * One execution under {@code executionName}, stopped (ABORTED, as by StopExecution) right after
         * the first state-level history event {@code stopAfter} accepts.
         */
        public Result run(JsonNode input, String executionName, Predicate<HistoryEvent> stopAfter) {
            String applicationName = input.path("applicationName").asText("");
            int callsBefore = emulator.calls().size();
            int taskCallsBefore = taskCalls.size();
            int notificationsBefore = sink.published().size();
            Optional<ApplicationView> before = emulator.application(applicationName);
            ExecutionResult execution = engine.execute(definition, executionName, input, stopAfter);
            List<RecordedCall> calls = emulator.calls();
            List<RecordedCall> ours = List.copyOf(calls.subList(callsBefore, calls.size()));
            List<NotificationSink.Notification> published = sink.published();
            return new Result(execution, outcome(execution), List.copyOf(published.subList(notificationsBefore, published.size())),
                    ours, ours.stream().filter(MsfEmulator::isMutating).toList(),
                    List.copyOf(taskCalls.subList(taskCallsBefore, taskCalls.size())), before, emulator.application(applicationName));
        }

        /** The application as it is now, on the session's clock. */
        public Optional<ApplicationView> application(String name) {
            return emulator.application(name);
        }

        /** Every mutating call of every execution of this session so far. */
        public List<RecordedCall> mutatingCalls() {
            return emulator.mutatingCalls();
        }

        @Override
        public void close() {
            try {
                emulator.close();
            } finally {
                sdk.close();
            }
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

    /** A session for several executions against one emulator started from {@code scenario}; close it when done. */
    public static Session session(StateMachineDefinition definition, Scenario scenario, ExecutionListener listener,
            Consumer<NotificationSink.Notification> onNotification) {
        return new Session(definition, scenario, listener, onNotification);
    }

    /** One whole upgrade in a session of its own. */
    public static Result run(
            StateMachineDefinition definition, JsonNode input, Scenario scenario, ExecutionListener listener,
            Consumer<NotificationSink.Notification> onNotification) {
        try (Session session = session(definition, scenario, listener, onNotification)) {
            return session.run(input);
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
