package io.flinkupgrade.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.VirtualClock;
import io.flinkupgrade.emulator.ApplicationView;
import io.flinkupgrade.emulator.MsfEmulator;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.emulator.UpgradeStart;
import io.flinkupgrade.emulator.dynamodb.DynamoDbTables;
import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.engine.ExecutionListener;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One whole upgrade, locally: the real ASL file on the local engine, the real handlers with their
 * real SDK clients pointed at the session's emulator through each client's endpoint override, on one
 * virtual clock that starts at the scenario's start time. Nothing is JVM-wide: sessions can run side
 * by side in one JVM.
 */
public final class LocalUpgrade {
    /** The ASL file, bundled from {@code statemachine/} at build time so the CLI jar runs it anywhere. */
    public static final String BUNDLED_ASL = "/statemachine/upgrade-application.asl.json";
    /** The fleet workflow, bundled like the upgrade's; its items start the upgrade state machine registered as {@link #UPGRADE_STATE_MACHINE}. */
    public static final String BUNDLED_FLEET_ASL = "/statemachine/fleet-upgrade.asl.json";
    /** The upgrade state machine's name, as the stack names it: the fleet's children are its executions. */
    public static final String UPGRADE_STATE_MACHINE = "flink-upgrade";
    /** The fleet state machine's name, as the stack names it. */
    public static final String FLEET_STATE_MACHINE = "flink-upgrade-fleet";
    /** The lease cleanup the EventBridge rule starts in AWS; locally the {@link Session} runs it after each execution. */
    public static final String RELEASE_LEASE_ASL = "/statemachine/release-lease.asl.json";
    /** The lease table's name locally; in AWS the stack names it. */
    public static final String LEASE_TABLE = "flink-upgrade-leases";
    /**
     * The fleet bucket in the emulator's S3, as the stack's: PlanFleet writes the wave files under fleet-runs/,
     * each wave's ItemReader reads them, and a request's applicationList is read from under fleet-requests/.
     */
    public static final String FLEET_BUCKET = "flink-upgrade-fleet-local";
    static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:flink-upgrade-outcomes";
    static final String EVENT_BUS = "flink-upgrade";
    /** The lease table's key schema, as the stack defines it: the application, then the record in its partition. */
    static final DynamoDbTables.KeySchema LEASE_KEY = new DynamoDbTables.KeySchema("applicationName", "S", "record", "S");
    /**
     * The lease table's global secondary indexes, as the stack defines them (infra Leases): every upgrade,
     * and each application's upgrades, newest first, for GET /upgrades.
     */
    static final Map<String, DynamoDbTables.KeySchema> LEASE_INDEXES = Map.of(
            "byStart", new DynamoDbTables.KeySchema("kind", "S", "startedAt", "S"),
            "byApplication", new DynamoDbTables.KeySchema("applicationName", "S", "startedAt", "S"));
    /** The sort key of an application's lease item. */
    static final String LEASE_RECORD = "LEASE";
    /** The sort key prefix of an upgrade's history record (RecordHistory in the ASL). */
    static final String HISTORY_RECORD_PREFIX = "UPGRADE#";
    /**
     * Whether a session does what the stack's report rule does when an upgrade execution ends: the report
     * Lambda's handler draws the report and writes it to the emulator's S3. Drawing the charts takes about
     * half a second per execution, so runs that never read the report may leave it out.
     */
    public enum ReportRule { ON, OFF }

    /** Jitter must not make local runs differ from one another. */
    private static final long RANDOM_SEED = 20181123L;

    /**
     * What one execution produced, captured before the emulator stops: its calls, mutating calls, the
     * calls each task's handler made, and notifications (not those of other executions in the same
     * {@link Session}), the application as it was when the execution started and as it is when it ended,
     * the application's lease item once the execution and its lease cleanup had ended, the upgrade's
     * history records (the one an execution that took the lease wrote), the executions
     * a scenario's {@code startUpgrade} actions started while it ran, the EMF documents its tasks
     * printed (the metrics Lambda would send to CloudWatch), and the HTML report the report rule wrote to
     * S3 when it ended (empty if none is there).
     */
    public record Result(
            String executionArn,
            ExecutionResult execution,
            JsonNode outcome,
            List<NotificationSink.Notification> notifications,
            List<RecordedCall> calls,
            List<RecordedCall> mutatingCalls,
            List<TaskCall> taskCalls,
            Optional<ApplicationView> applicationBefore,
            Optional<ApplicationView> application,
            Optional<Map<String, JsonNode>> leaseAfter,
            List<Map<String, JsonNode>> historyRecords,
            List<Result> startedDuring,
            List<JsonNode> metrics,
            Optional<String> report) {

        public String outcomeName() {
            return outcome.path("outcome").asText();
        }

        public String executionName() {
            return executionArn.substring(executionArn.lastIndexOf(':') + 1);
        }
    }

    /**
     * One emulator, one virtual clock and one set of warm Lambda containers for several executions,
     * one after another: how a re-run meets the world an earlier, interrupted execution left behind.
     */
    public static final class Session implements AutoCloseable {
        private final StateMachineDefinition definition;
        private final StateMachineDefinition releaseLease;
        private final MsfEmulator emulator;
        private final NotificationSink sink;
        /** The handlers' and the DynamoDB integration's SDK clients, closed with the session. */
        private final SessionClients clients;
        /** What the report rule does in AWS: each upgrade execution's report, written to the emulator's S3 when it ends. */
        private final LocalReport reports;
        private final ReportRule reportRule;
        private final LocalLambdaRuntime runtime;
        private final LocalEngine engine;
        /** Runs the cleanup quietly, with its own jitter, so it changes neither the progress shown nor the upgrade's retries. */
        private final LocalEngine cleanupEngine;
        /** The fleet workflow, its items pointed at {@link #upgradeArn}. */
        private final StateMachineDefinition fleet;
        private final String upgradeArn;
        private final String fleetArn;
        private final VirtualClock clock;
        private final List<String> applicationNames;
        private final List<TaskCall> taskCalls = new ArrayList<>();
        /** The executions startUpgrade actions started during the top-level execution now running. */
        private final List<Result> started = new ArrayList<>();
        private JsonNode runningInput;
        private String runningName;
        private boolean starting;
        private int cleanups;

        private Session(StateMachineDefinition definition, Scenario scenario, ExecutionListener listener,
                Consumer<NotificationSink.Notification> onNotification, ReportRule reportRule) {
            this.reportRule = reportRule;
            this.clock = new VirtualClock(scenario.startTime());
            this.definition = definition;
            this.releaseLease = StateMachineDefinition.parse(bundled(RELEASE_LEASE_ASL), substitutions());
            this.emulator = MsfEmulator.start(scenario, clock, 0, clock::advance);
            emulator.dynamoDb().createTable(LEASE_TABLE, LEASE_KEY, LEASE_INDEXES);
            emulator.s3().createBucket(FLEET_BUCKET);
            this.sink = new NotificationSink(onNotification);
            this.clients = SessionClients.at(emulator.endpoint());
            ExecutionListener withActions = new ExecutionListener() {
                @Override
                public void onEvent(HistoryEvent event) {
                    listener.onEvent(event);
                    startDueUpgrades();
                }

                @Override
                public void onEvent(String executionArn, HistoryEvent event) {
                    listener.onEvent(executionArn, event);
                    startDueUpgrades();
                    cleanUpAfterChild(executionArn, event);
                }
            };
            this.runtime = new LocalLambdaRuntime(sink, clients.dynamoDb(), clients.handlers(), new CallAttribution());
            this.engine = new LocalEngine(runtime, clock, new Random(RANDOM_SEED), withActions);
            this.reports = LocalReport.writingTo(emulator, engine::history);
            this.cleanupEngine = new LocalEngine(runtime, clock, new Random(RANDOM_SEED), event -> { });
            this.upgradeArn = engine.register(UPGRADE_STATE_MACHINE, definition);
            this.fleet = StateMachineDefinition.parse(bundled(BUNDLED_FLEET_ASL), substitutions());
            this.fleetArn = engine.register(FLEET_STATE_MACHINE, fleet);
            this.applicationNames = scenario.applicationNames();
        }

        /**
         * What the cleanup and report rules do in AWS when a child upgrade execution (a fleet's) ends: the
         * rules match every execution of the upgrade state machine, so a stopped child's lease is released
         * and every child has its report.
         */
        private void cleanUpAfterChild(String executionArn, HistoryEvent event) {
            if (!event.type().name().startsWith("EXECUTION_") || event.type() == HistoryEventType.EXECUTION_STARTED
                    || !executionArn.startsWith(LocalEngine.executionArn(upgradeArn, ""))) {
                return;
            }
            engine.execution(executionArn).ifPresent(child -> {
                JsonNode ended = ExecutionStatusChange.of(child);
                cleanupEngine.execute(releaseLease, "release-lease-" + (++cleanups), ended);
                if (reportRule == ReportRule.ON) {
                    reports.publish(ended);
                }
            });
        }

        /**
         * Puts {@code content} where the fleet request's {@code applicationList} points, in the emulator's S3: what
         * {@code aws s3 cp apps.json s3://<fleet bucket>/fleet-requests/apps.json} does before a fleet in AWS.
         */
        public void uploadApplicationList(JsonNode request, byte[] content) {
            JsonNode list = request.path("applicationList");
            if (!list.path("bucket").isTextual() || !list.path("key").isTextual()) {
                throw new IllegalArgumentException("the fleet request names no applicationList {bucket, key} to upload the list to");
            }
            emulator.s3().put(list.path("bucket").asText(), list.path("key").asText(), content, "application/json");
        }

        /**
         * One fleet execution under {@code executionName}: the fleet workflow, whose items start this
         * session's upgrade state machine, each child followed by the lease cleanup as in AWS.
         */
        public FleetResult runFleet(JsonNode input, String executionName) {
            Map<String, Optional<ApplicationView>> before = applications();
            int callsBefore = emulator.calls().size();
            int taskCallsBefore = taskCalls.size();
            int notificationsBefore = sink.published().size();
            int executionsBefore = engine.executions().size();
            ExecutionResult execution = engine.execute(fleet, executionName, input);
            return fleetResult(LocalEngine.executionArn(executionName), execution, before, callsBefore, taskCallsBefore,
                    notificationsBefore, executionsBefore);
        }

        /**
         * A fleet execution stopped as StopExecution stops it, {@code stopAfter} into its run on the
         * virtual clock; then whatever its stop left running is run to its end.
         */
        public FleetResult runFleetStopped(JsonNode input, String executionName, Duration stopAfter) {
            Map<String, Optional<ApplicationView>> before = applications();
            int callsBefore = emulator.calls().size();
            int taskCallsBefore = taskCalls.size();
            int notificationsBefore = sink.published().size();
            int executionsBefore = engine.executions().size();
            String executionArn = engine.start(fleetArn, executionName, input).executionArn();
            engine.runUntil(clock.instant().plus(stopAfter));
            engine.stop(executionArn, "FleetStopped", "stopped by the test as StopExecution would");
            while (engine.nextWakeUp().isPresent()) {
                engine.runUntil(engine.nextWakeUp().get());
            }
            ExecutionDescription stopped = engine.execution(executionArn).orElseThrow();
            ExecutionResult execution = new ExecutionResult(stopped.status(), stopped.output(), stopped.error(), stopped.cause(),
                    engine.history(executionArn), stopped.startDate(), stopped.stopDate());
            return fleetResult(executionArn, execution, before, callsBefore, taskCallsBefore, notificationsBefore, executionsBefore);
        }

        private FleetResult fleetResult(String executionArn, ExecutionResult execution, Map<String, Optional<ApplicationView>> before,
                int callsBefore, int taskCallsBefore, int notificationsBefore, int executionsBefore) {
            List<ExecutionDescription> executions = engine.executions();
            List<ExecutionDescription> upgrades = executions.subList(executionsBefore, executions.size()).stream()
                    .filter(e -> e.stateMachineArn().equals(upgradeArn))
                    .toList();
            Map<String, Optional<Map<String, JsonNode>>> leases = new LinkedHashMap<>();
            applicationNames.forEach(name -> leases.put(name, lease(name)));
            List<RecordedCall> calls = emulator.calls();
            List<NotificationSink.Notification> published = sink.published();
            return new FleetResult(executionArn, execution, fleetOutcome(execution), upgrades, before, applications(), leases,
                    calls.subList(callsBefore, calls.size()).stream().filter(MsfEmulator::isMutating).toList(),
                    List.copyOf(taskCalls.subList(taskCallsBefore, taskCalls.size())),
                    List.copyOf(published.subList(notificationsBefore, published.size())));
        }

        private Map<String, Optional<ApplicationView>> applications() {
            Map<String, Optional<ApplicationView>> applications = new LinkedHashMap<>();
            applicationNames.forEach(name -> applications.put(name, emulator.application(name)));
            return applications;
        }

        /**
         * Tasks run one at a time on the engine's thread, so the calls the emulator received between a
         * task's start and end are that task's (less the changes a scenario makes as someone else).
         */
        private final class CallAttribution implements LocalLambdaRuntime.TaskObserver {
            private int callsBefore;

            @Override
            public void started(TaskCatalog task, String stateName) {
                callsBefore = emulator.callCount();
            }

            @Override
            public void ended(TaskCatalog task, String stateName) {
                emulator.callsSince(callsBefore).stream()
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
            runningInput = input;
            runningName = executionName;
            started.clear();
            Result result = execute(input, executionName, stopAfter);
            List<Result> during = List.copyOf(started);
            started.clear();
            return withStarted(result, during);
        }

        /**
         * One execution, then what the cleanup and report rules do in AWS when it ends: release-lease.asl.json
         * on the same engine, and the report Lambda's handler, with the "Step Functions Execution Status
         * Change" event AWS would send.
         */
        private Result execute(JsonNode input, String executionName, Predicate<HistoryEvent> stopAfter) {
            String applicationName = input.path("applicationName").asText("");
            int callsBefore = emulator.calls().size();
            int taskCallsBefore = taskCalls.size();
            int notificationsBefore = sink.published().size();
            int metricsBefore = runtime.metricDocuments().size();
            Optional<ApplicationView> before = emulator.application(applicationName);
            ExecutionResult execution = engine.execute(definition, executionName, input, stopAfter);
            String executionArn = LocalEngine.executionArn(executionName);
            JsonNode ended = ExecutionStatusChange.of(executionArn, executionName, input, execution);
            cleanupEngine.execute(releaseLease, "release-lease-" + (++cleanups), ended);
            if (reportRule == ReportRule.ON) {
                reports.publish(ended);
            }
            List<RecordedCall> calls = emulator.calls();
            List<RecordedCall> ours = List.copyOf(calls.subList(callsBefore, calls.size()));
            List<NotificationSink.Notification> published = sink.published();
            return new Result(executionArn, execution, outcome(execution),
                    List.copyOf(published.subList(notificationsBefore, published.size())),
                    ours, ours.stream().filter(MsfEmulator::isMutating).toList(),
                    List.copyOf(taskCalls.subList(taskCallsBefore, taskCalls.size())), before, emulator.application(applicationName),
                    lease(applicationName), historyRecords(executionArn), List.of(), metrics(metricsBefore), reports.read(executionName));
        }

        /**
         * Starts the scenario's startUpgrade actions that have come due on the virtual clock: each is
         * another execution of the running upgrade's input (with its targetRuntime when the action
         * names one) under another name, run to completion before the running execution goes on.
         */
        private void startDueUpgrades() {
            if (starting || runningInput == null) {
                return;
            }
            starting = true;
            try {
                for (UpgradeStart start : emulator.takeDueUpgradeStarts()) {
                    JsonNode input = runningInput.deepCopy();
                    if (input instanceof ObjectNode object) {
                        start.targetRuntime().ifPresent(runtime -> object.put("targetRuntime", runtime));
                    }
                    started.add(execute(input, runningName + "-startUpgrade-" + (started.size() + 1), event -> false));
                }
            } finally {
                starting = false;
            }
        }

        /** The top-level execution's own calls and notifications, without those of the executions it saw started. */
        private static Result withStarted(Result result, List<Result> during) {
            if (during.isEmpty()) {
                return result;
            }
            Set<Object> theirs = Collections.newSetFromMap(new IdentityHashMap<>());
            during.forEach(other -> {
                theirs.addAll(other.calls());
                theirs.addAll(other.notifications());
                theirs.addAll(other.metrics());
            });
            List<RecordedCall> calls = result.calls().stream().filter(c -> !theirs.contains(c)).toList();
            return new Result(result.executionArn(), result.execution(), result.outcome(),
                    result.notifications().stream().filter(n -> !theirs.contains(n)).toList(),
                    calls, calls.stream().filter(MsfEmulator::isMutating).toList(),
                    result.taskCalls().stream().filter(c -> !theirs.contains(c.call())).toList(),
                    result.applicationBefore(), result.application(), result.leaseAfter(), result.historyRecords(), during,
                    result.metrics().stream().filter(m -> !theirs.contains(m)).toList(), result.report());
        }

        /** The EMF documents the tasks printed since the {@code from}-th. */
        private List<JsonNode> metrics(int from) {
            List<JsonNode> documents = runtime.metricDocuments();
            return List.copyOf(documents.subList(from, documents.size()));
        }

        /** The application's lease item in the lease table now, if there is one. */
        public Optional<Map<String, JsonNode>> lease(String applicationName) {
            if (applicationName.isEmpty()) {
                return Optional.empty();
            }
            return emulator.dynamoDb().item(LEASE_TABLE, Map.of(
                    "applicationName", TaskJson.mapper().createObjectNode().put("S", applicationName),
                    "record", TaskJson.mapper().createObjectNode().put("S", LEASE_RECORD)));
        }

        /**
         * The history records (record {@code UPGRADE#<StartTime>#<execution name>}) the execution wrote in
         * the lease table, whatever partition: one for an execution that took the lease.
         */
        public List<Map<String, JsonNode>> historyRecords(String executionArn) {
            return emulator.dynamoDb().items(LEASE_TABLE).stream()
                    .filter(item -> item.get("record").path("S").asText().startsWith(HISTORY_RECORD_PREFIX))
                    .filter(item -> executionArn.equals(item.containsKey("executionArn") ? item.get("executionArn").path("S").asText() : null))
                    .toList();
        }

        /** The endpoint of the emulator, and of its DynamoDB: for a test to act on the lease table as another party. */
        public URI endpoint() {
            return emulator.endpoint();
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
                reports.close();
                clients.close();
            } finally {
                emulator.close();
            }
        }
    }

    private LocalUpgrade() {}

    /**
     * The substitutions CDK would make for both workflows, with local ARNs: tasks the {@link LocalLambdaRuntime}
     * resolves, and the upgrade state machine as a {@link Session} registers it.
     */
    public static Map<String, String> substitutions() {
        Map<String, String> substitutions = new LinkedHashMap<>();
        for (TaskCatalog task : TaskCatalog.values()) {
            substitutions.put(task.substitutionKey(), LocalLambdaRuntime.functionArn(task));
        }
        substitutions.put("NotificationTopicArn", TOPIC_ARN);
        substitutions.put("EventBusName", EVENT_BUS);
        substitutions.put("LeaseTableName", LEASE_TABLE);
        substitutions.put("ReportBucketName", LocalReport.BUCKET);
        substitutions.put("UpgradeStateMachineArn", upgradeStateMachineArn());
        substitutions.put("FleetBucketName", FLEET_BUCKET);
        return substitutions;
    }

    /** The ARN the {@link Session} registers the upgrade state machine under, which the fleet's items start. */
    public static String upgradeStateMachineArn() {
        return LocalEngine.stateMachineArn().replaceFirst("[^:]+$", UPGRADE_STATE_MACHINE);
    }

    /** A fleet in a session of its own, named as the API would name it without X-Upgrade-Attempt. */
    public static FleetResult runFleet(StateMachineDefinition definition, JsonNode input, Scenario scenario, ExecutionListener listener,
            Consumer<NotificationSink.Notification> onNotification) {
        return runFleet(definition, input, scenario, listener, onNotification, Optional.empty());
    }

    /**
     * Like {@link #runFleet(StateMachineDefinition, JsonNode, Scenario, ExecutionListener, Consumer)}, with the request's
     * applicationList uploaded first. The report rule is off: the session's S3 ends with this call and a
     * {@link FleetResult} carries no report, so nobody could read the children's reports, and drawing them was
     * most of a large fleet's wall time and heap (500 reports with their charts). {@code serve} keeps them.
     */
    public static FleetResult runFleet(StateMachineDefinition definition, JsonNode input, Scenario scenario, ExecutionListener listener,
            Consumer<NotificationSink.Notification> onNotification, Optional<byte[]> applicationList) {
        try (Session session = session(definition, scenario, listener, onNotification, ReportRule.OFF)) {
            applicationList.ifPresent(content -> session.uploadApplicationList(input, content));
            return session.runFleet(input, "fleet-" + input.path("targetRuntime").asText("unknown").replaceAll("[^A-Za-z0-9_-]", "-"));
        }
    }

    /**
     * The fleet outcome document: a succeeded fleet's output, or the cause of FlinkUpgrade.FleetFailed;
     * anything else (an engine error) becomes a FAILED outcome that says so.
     */
    static JsonNode fleetOutcome(ExecutionResult execution) {
        return outcome(execution, "FlinkUpgrade.FleetFailed", "the fleet execution");
    }

    public static StateMachineDefinition definition(Optional<Path> aslFile) {
        return StateMachineDefinition.parse(aslFile.map(LocalUpgrade::read).orElseGet(() -> bundled(BUNDLED_ASL)), substitutions());
    }

    /**
     * A session for several executions against one emulator started from {@code scenario}, writing each
     * upgrade's report as in AWS; close it when done.
     */
    public static Session session(StateMachineDefinition definition, Scenario scenario, ExecutionListener listener,
            Consumer<NotificationSink.Notification> onNotification) {
        return session(definition, scenario, listener, onNotification, ReportRule.ON);
    }

    public static Session session(StateMachineDefinition definition, Scenario scenario, ExecutionListener listener,
            Consumer<NotificationSink.Notification> onNotification, ReportRule reportRule) {
        return new Session(definition, scenario, listener, onNotification, reportRule);
    }

    /** One whole upgrade in a session of its own, its report written as in AWS. */
    public static Result run(
            StateMachineDefinition definition, JsonNode input, Scenario scenario, ExecutionListener listener,
            Consumer<NotificationSink.Notification> onNotification) {
        return run(definition, input, scenario, listener, onNotification, ReportRule.ON);
    }

    public static Result run(
            StateMachineDefinition definition, JsonNode input, Scenario scenario, ExecutionListener listener,
            Consumer<NotificationSink.Notification> onNotification, ReportRule reportRule) {
        try (Session session = session(definition, scenario, listener, onNotification, reportRule)) {
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
        return outcome(execution, "FlinkUpgrade.Failed", "the execution");
    }

    /** What both workflows end with: the output, the outcome a Fail state carries as its cause, or a FAILED one. */
    private static JsonNode outcome(ExecutionResult execution, String failedError, String subject) {
        if (execution.status() == ExecutionStatus.SUCCEEDED) {
            return execution.output();
        }
        if (failedError.equals(execution.error())) {
            try {
                return TaskJson.mapper().readTree(execution.cause());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ObjectNode outcome = TaskJson.mapper().createObjectNode();
        outcome.put("outcome", "FAILED");
        outcome.put("error", execution.error());
        outcome.putArray("reasons").add(subject + " ended " + execution.status() + ": " + execution.cause());
        return outcome;
    }

    static String bundled(String resource) {
        try (InputStream in = LocalUpgrade.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the workflow " + resource + " is missing from the jar");
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
