package io.flinkupgrade.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The emulated account: its applications, alarms and fault plan on one clock, and the journal of
 * every call it received. Each call comes in through {@link #call}, which asks the {@link FaultPlan}
 * before and after the operation and journals it; the protocols only decode a request into a call
 * here and encode its answer. Not thread-safe on its own; the server serialises calls.
 */
final class ApplicationModel {
    static final String ACCOUNT = "123456789012";
    /** The region before any signed request arrived (the SDK always signs, so only an unsigned raw request sees it). */
    static final String DEFAULT_REGION = "us-east-1";
    private static final Set<String> DELETABLE_STATUSES = Set.of("READY", "RUNNING");
    private static final ScenarioSpec.JobRule DEFAULT_RULE =
            new ScenarioSpec.JobRule(null, null, null, null, Behaviour.HEALTHY, 0L, 1_000L);

    private final Clock clock;
    private final ScenarioSpec spec;
    private final FaultPlan faults;
    private final Consumer<Duration> spendLatency;
    private final Instant started;
    private final List<RecordedCall> journal = new ArrayList<>();
    private final Map<String, EmulatedApplication> applications = new LinkedHashMap<>();
    private Instant firstUpdate;
    private Instant firstRollback;
    private String region = DEFAULT_REGION;

    /**
     * The state of an alarm at one instant: {@code since} is when the current phase began
     * (StateUpdatedTimestamp), {@code transitioned} when the state value last changed
     * (StateTransitionedTimestamp: "the date and time that the alarm's StateValue most recently
     * changed", model doc), earlier when a phase only changed the reason.
     */
    record AlarmState(ScenarioSpec.AlarmSpec alarm, String state, String reason, Instant since, Instant transitioned) {
    }

    /** {@code spendLatency} is how an injected latency passes (see {@link MsfEmulator#start(Scenario, Clock, int, Consumer)}). */
    ApplicationModel(Scenario scenario, Clock clock, Consumer<Duration> spendLatency) {
        this.clock = clock;
        this.spec = scenario.spec();
        this.spendLatency = spendLatency;
        this.faults = new FaultPlan(spec.faults(), this::anchor, this::now);
        this.started = now();
        for (ScenarioSpec.ApplicationSpec app : spec.applications()) {
            Instant since = started.minusSeconds(app.runningSinceSeconds());
            applications.put(app.name(), newApplication(app, started, since.minus(Duration.ofDays(30))));
        }
        scheduleActions(ScenarioSpec.AlarmAnchor.START, started);
    }

    /** The clock's current instant at millisecond precision, the precision of the wire timestamps. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    Clock clock() {
        return clock;
    }

    FaultPlan faults() {
        return faults;
    }

    // ---- calls -------------------------------------------------------------------------------

    /** What a protocol decoded: the service and operation, the application it is about (or null) and the request. */
    record Call(Service service, String operation, String applicationName, JsonNode request) {
    }

    /**
     * Runs one call: the fault plan's latency and request-level errors first, then {@code operation}
     * (the protocol's call on this model), then the faults that follow a success (someone else's
     * update, a retention job's deletions). Every call is journaled, failed or not, after the other
     * parties' changes that were due before it. An {@link EmulatorException} is the error to answer with.
     */
    <T> T call(Call call, Supplier<T> operation) {
        Instant at = now();
        try {
            faults.latency(call.operation()).ifPresent(spendLatency);
            faults.refuse(call.service(), call.operation());
            T result = operation.get();
            journalOtherParties();
            journal.add(new RecordedCall(at, call.service().wireName(), call.operation(), call.applicationName(),
                    call.request(), null));
            afterSuccess(call.operation(), call.applicationName());
            return result;
        } catch (EmulatorException e) {
            journalOtherParties();
            journal.add(new RecordedCall(at, call.service().wireName(), call.operation(), call.applicationName(),
                    call.request(), e.code()));
            throw e;
        }
    }

    /** How many calls there are, the other parties' changes due by now included. */
    int callCount() {
        journalOtherParties();
        return journal.size();
    }

    /** The calls from the {@code from}-th on, with the other parties' changes due by now in time order among them. */
    List<RecordedCall> calls(int from) {
        journalOtherParties();
        return List.copyOf(journal.subList(from, journal.size()));
    }

    private void journalOtherParties() {
        applications().stream().flatMap(app -> app.drainOtherPartyCalls().stream())
                .sorted(Comparator.comparing(RecordedCall::at))
                .forEach(journal::add);
    }

    /**
     * The faults that follow a successful {@code operation} on {@code applicationName}, each journaled
     * as someone else's call: CONCURRENT_UPDATE (someone else updates the application) and
     * SNAPSHOT_DELETED (a retention job deletes every READY snapshot of it).
     */
    private void afterSuccess(String operation, String applicationName) {
        if (applicationName == null || !applications.containsKey(applicationName)) {
            return;
        }
        if (faults.someoneElseUpdatesAfter(operation)) {
            EmulatedApplication app = application(applicationName);
            app.externalUpdate(now());
            journal.add(new RecordedCall(now(), Service.KINESIS_ANALYTICS_V2.wireName(), "UpdateApplication", app.name(),
                    someoneElse(app.name()).put("ApplicationVersionId", app.current().id()), null));
        }
        if (faults.someoneElseDeletesSnapshotsAfter(operation)) {
            for (String snapshot : application(applicationName).deleteReadySnapshots(now())) {
                journal.add(new RecordedCall(now(), Service.KINESIS_ANALYTICS_V2.wireName(), "DeleteApplicationSnapshot",
                        applicationName, someoneElse(applicationName).put("SnapshotName", snapshot), null));
            }
        }
    }

    private static ObjectNode someoneElse(String applicationName) {
        return JsonNodeFactory.instance.objectNode().put("ApplicationName", applicationName).put("Actor", "someone-else");
    }

    // ---- operations the fault plan can make go wrong ------------------------------------------

    /** UpdateApplication; the first one accepted is the FIRST_UPDATE anchor. */
    Operation update(String applicationName, UpdateCommand command) {
        Instant now = now();
        Operation operation = application(applicationName).update(command, now, faults::updateOutcome);
        if (firstUpdate == null) {
            firstUpdate = now;
            scheduleActions(ScenarioSpec.AlarmAnchor.FIRST_UPDATE, now);
        }
        return operation;
    }

    /** RollbackApplication; the first one accepted is the FIRST_ROLLBACK anchor. */
    Operation rollback(String applicationName, Long currentVersionId) {
        EmulatedApplication app = application(applicationName);
        faults.refuseRollback(app.name());
        Instant now = now();
        Operation operation = app.rollback(currentVersionId, now, faults::rollbackFails);
        if (firstRollback == null) {
            firstRollback = now;
            scheduleActions(ScenarioSpec.AlarmAnchor.FIRST_ROLLBACK, now);
        }
        return operation;
    }

    /** CreateApplicationSnapshot. */
    void createSnapshot(String applicationName, String snapshotName) {
        application(applicationName).createSnapshot(snapshotName, now(), faults::snapshotFails);
    }

    /**
     * The region of the request being served, from its SigV4 credential scope: the emulated account
     * answers in whatever region the client signs for (INFERRED simplification: one set of
     * applications seen from every region), so ARNs name the client's region.
     */
    void region(String requestRegion) {
        this.region = requestRegion;
    }

    /** The ARN of an application, as MSF forms it (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonmanagedserviceforapacheflink.html). */
    String arn(EmulatedApplication app) {
        return "arn:aws:kinesisanalytics:" + region + ":" + ACCOUNT + ":application/" + app.name();
    }

    /** The ARN of a CloudWatch alarm (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html). */
    String alarmArn(ScenarioSpec.AlarmSpec alarm) {
        return "arn:aws:cloudwatch:" + region + ":" + ACCOUNT + ":alarm:" + alarm.name();
    }

    /**
     * The application a tagging call names by ARN. INFERRED: an ARN of another region or account,
     * or not of an application, is ResourceNotFoundException (declared by all three tag operations).
     */
    EmulatedApplication applicationByArn(String resourceArn) {
        String prefix = "arn:aws:kinesisanalytics:" + region + ":" + ACCOUNT + ":application/";
        if (resourceArn == null || !resourceArn.startsWith(prefix)) {
            throw EmulatorException.notFound("No application with ARN " + resourceArn + " in this account and region");
        }
        return application(resourceArn.substring(prefix.length()));
    }

    /**
     * DeleteApplication: "Managed Service for Apache Flink halts application execution and deletes
     * the application" (model doc). {@code createTimestamp} must be the application's, to the second
     * as for DeleteApplicationSnapshot. INFERRED: the application is gone at once (no DELETING
     * period), with its snapshots; a transitional status refuses with ResourceInUseException.
     */
    void delete(String name, Instant createTimestamp) {
        EmulatedApplication app = application(name);
        if (createTimestamp == null || createTimestamp.getEpochSecond() != app.created().getEpochSecond()) {
            throw EmulatorException.invalidArgument("CreateTimestamp does not match the creation time of application "
                    + name);
        }
        if (!DELETABLE_STATUSES.contains(app.status())) {
            throw EmulatorException.inUse("Application " + name + " is in " + app.status()
                    + " status. DeleteApplication is only allowed in READY or RUNNING status");
        }
        applications.remove(name);
    }

    /** An alarm's dimensions; by default the alarm watches the scenario's first application. */
    Map<String, String> dimensions(ScenarioSpec.AlarmSpec alarm) {
        if (alarm.dimensions() != null) {
            return alarm.dimensions();
        }
        return spec.applications().isEmpty() ? Map.of()
                : Map.of(FlinkJobSimulator.DIMENSION, spec.applications().get(0).name());
    }

    /** The application, with every transition due by now applied. */
    EmulatedApplication application(String name) {
        return find(name).orElseThrow(() -> EmulatorException.notFound("Application " + name + " is not found"));
    }

    Optional<EmulatedApplication> find(String name) {
        EmulatedApplication app = applications.get(name);
        if (app != null) {
            app.settle(now());
        }
        return Optional.ofNullable(app);
    }

    Collection<EmulatedApplication> applications() {
        Instant now = now();
        applications.values().forEach(app -> app.settle(now));
        return List.copyOf(applications.values());
    }

    EmulatedApplication create(ScenarioSpec.ApplicationSpec app) {
        if (applications.containsKey(app.name())) {
            throw EmulatorException.inUse("Application " + app.name() + " already exists");
        }
        Instant now = now();
        EmulatedApplication created = newApplication(app, now, now);
        applications.put(app.name(), created);
        return created;
    }

    /** When {@code anchor} happened, or null while it has not. */
    Instant anchor(ScenarioSpec.AlarmAnchor anchor) {
        return switch (anchor) {
            case START -> started;
            case FIRST_UPDATE -> firstUpdate;
            case FIRST_ROLLBACK -> firstRollback;
        };
    }

    List<ScenarioSpec.AlarmSpec> alarms() {
        return spec.alarms();
    }

    /** When the scenario's alarms were configured (AlarmConfigurationUpdatedTimestamp): its start, INFERRED. */
    Instant alarmsConfigured() {
        return started;
    }

    /** The alarm's state now: the last phase whose anchor has happened and whose offset has passed. */
    AlarmState alarmState(ScenarioSpec.AlarmSpec alarm) {
        Instant now = now();
        // The phases in force so far, in the order they began (a later timeline entry wins a tie).
        List<Map.Entry<Instant, ScenarioSpec.AlarmPhase>> begun = new ArrayList<>();
        for (ScenarioSpec.AlarmPhase phase : alarm.timeline()) {
            Instant anchor = anchor(phase.at());
            if (anchor == null) {
                continue;
            }
            Instant from = anchor.plusSeconds(phase.offsetSeconds());
            if (!from.isAfter(now)) {
                begun.add(Map.entry(from, phase));
            }
        }
        if (begun.isEmpty()) {
            // Before any phase applies, an alarm has not been evaluated yet.
            return new AlarmState(alarm, "INSUFFICIENT_DATA", "Unchecked: Initial alarm creation", started, started);
        }
        begun.sort(Map.Entry.comparingByKey());
        Map.Entry<Instant, ScenarioSpec.AlarmPhase> current = begun.get(begun.size() - 1);
        String state = current.getValue().state();
        Instant transitioned = current.getKey();
        for (int i = begun.size() - 2; i >= 0 && begun.get(i).getValue().state().equals(state); i--) {
            transitioned = begun.get(i).getKey();
        }
        return new AlarmState(alarm, state, current.getValue().reason(), current.getKey(), transitioned);
    }

    /**
     * Hands the actions counted from {@code anchor} to their applications, due {@code atSeconds}
     * after {@code at}. Another upgrade ({@code startUpgrade}) is the local runtime's to start.
     */
    private void scheduleActions(ScenarioSpec.AlarmAnchor anchor, Instant at) {
        for (ScenarioSpec.ActionSpec action : spec.actions()) {
            if (action.anchor() != anchor || action.type() == ScenarioSpec.ActionType.START_UPGRADE) {
                continue;
            }
            String target = action.application() != null ? action.application()
                    : spec.applications().isEmpty() ? null : spec.applications().get(0).name();
            EmulatedApplication app = target == null ? null : applications.get(target);
            if (app == null) {
                throw new IllegalArgumentException("action " + action.type() + " names no application of the scenario: "
                        + target);
            }
            app.schedule(at.plusSeconds(action.atSeconds()), action);
        }
    }

    private EmulatedApplication newApplication(ScenarioSpec.ApplicationSpec app, Instant now, Instant created) {
        return new EmulatedApplication(app, now, created, spec.durations(), this::rule);
    }

    private ScenarioSpec.JobRule rule(EmulatedApplication.RunKey key) {
        return spec.jobs().stream()
                .filter(r -> r.application() == null || r.application().equals(key.application()))
                .filter(r -> r.runtime() == null || r.runtime().equals(key.runtime()))
                .filter(r -> r.codeKey() == null || r.codeKey().equals(key.fileKey()))
                .filter(r -> r.afterRollback() == null || r.afterRollback() == key.afterRollback())
                .findFirst()
                .orElse(DEFAULT_RULE);
    }
}
