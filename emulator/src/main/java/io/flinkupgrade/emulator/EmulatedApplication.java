package io.flinkupgrade.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One emulated MSF application: statuses, versions, snapshots, operations and the job runs that
 * feed the metrics. Time-dependent transitions are scheduled as a single pending step and applied
 * by {@link #settle(Instant)} at the instant they were due, so every caller sees the same history
 * no matter when it looks.
 *
 * <p>Behaviour the AWS material does not pin down, and what this class does instead (INFERRED; the
 * package docs list each guess with the tests that depend on it):
 * <ul>
 *   <li>UpdateApplication and RollbackApplication mint the new version id immediately (+1), and
 *       the ConditionalToken changes with every version; an UpdateApplication that changes nothing
 *       is accepted as a new version too.</li>
 *   <li>A failed update (fault UPDATE_FAILS) ends its operation FAILED; with system rollback
 *       enabled the application then goes ROLLING_BACK and returns to RUNNING on the previous
 *       configuration under a new version (a separate RollbackApplication operation, referenced
 *       by RollbackOperationId), otherwise it ends READY, as the troubleshooting guide says.</li>
 *   <li>A stateful downgrade (an older runtime than the one that wrote the restored state: the
 *       running job's for RESTORE_FROM_LATEST_SNAPSHOT, the snapshot's for RESTORE_FROM_CUSTOM_SNAPSHOT)
 *       is refused with InvalidArgumentException; so is an unknown runtime or a custom snapshot
 *       that does not exist or is not READY.</li>
 *   <li>Status refusals use ResourceInUseException (also for CreateApplicationSnapshot outside
 *       RUNNING; MiniStack uses InvalidRequestException there). RollbackApplication without a
 *       READY snapshot, or without a previous version, is InvalidRequestException. Snapshots
 *       disabled: InvalidRequestException. Duplicate snapshot name: InvalidArgumentException.</li>
 *   <li>A rollback started while an update is in progress cancels that update's operation.</li>
 *   <li>After a rollback, ApplicationVersionUpdatedFrom is the version rolled back from.</li>
 *   <li>Snapshot creation is not an operation in ListApplicationOperations.</li>
 * </ul>
 *
 * <p>Other parties act through the scenario's {@code actions}, applied by {@link #settle(Instant)}
 * at their due instant in time order with the pending transition (the transition first on a tie),
 * and recorded as calls by someone else ({@link #drainOtherPartyCalls()}):
 * <ul>
 *   <li>{@code update}: an UpdateApplication by someone else, refused unless RUNNING or READY; like
 *       ours it mints the next version at once and, on a RUNNING application, takes an automatic
 *       snapshot and is UPDATING for the update duration, then RUNNING with a new job run.</li>
 *   <li>{@code stop}: a StopApplication without Force, refused unless RUNNING: an automatic
 *       snapshot, STOPPING, then READY; the job run ends.</li>
 *   <li>{@code autoscale}: MSF scales a RUNNING application: an automatic snapshot (below),
 *       AUTOSCALING for the autoscaling duration, then RUNNING with a new job run (the Flink job
 *       restarts, so its uptime resets).
 *       The AWS guide says the status is AUTOSCALING while MSF scales and that a scale-up doubles
 *       CurrentParallelism (https://docs.aws.amazon.com/managed-flink/latest/java/how-scaling-auto.html);
 *       the API says the version id changes "each time you update the application"
 *       (https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_ApplicationVersionSummary.html).
 *       INFERRED: scaling mints a new version at once (ApplicationVersionUpdatedFrom the scaled one,
 *       differing only in parallelism), so RollbackApplication afterwards reverts the scaling, as
 *       issue 9 reports of AWS; it is no operation in ListApplicationOperations; a non-RUNNING
 *       application is not scaled.</li>
 * </ul>
 *
 * <p>Automatic snapshots: with SnapshotsEnabled, MSF "will automatically create and use snapshots
 * when the application is updated, scaled or stopped"; they "count toward your snapshot limit", and
 * when the application is over the limit, manual snapshots fail "but the Managed Service for Apache
 * Flink will still successfully create snapshots when the application is updated, scaled, or stopped"
 * (https://docs.aws.amazon.com/managed-flink/latest/java/how-snapshots.html, "Manage automatic
 * snapshot creation"); StopApplication "takes a snapshot when the application is stopped, unless
 * Force is set to true" (https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_StopApplication.html).
 * So an UpdateApplication of a RUNNING application, an autoscaling and a StopApplication without Force take one,
 * even past {@link #SNAPSHOT_LIMIT}, and CreateApplicationSnapshot counts them. INFERRED: the name
 * ({@code automatic-<epoch millis>}; AWS does not document it), that the snapshot is of the version
 * running when the call arrives and becomes READY like a manual one, that an update of a READY
 * application (no job to snapshot) and a RollbackApplication (which "loads state data from the last
 * successful snapshot", model doc) take none, and that the SNAPSHOT_FAILS fault, which is about
 * CreateApplicationSnapshot, never fails one.
 */
final class EmulatedApplication {
    private static final Set<String> ROLLBACK_STATUSES = Set.of("RUNNING", "UPDATING", "AUTOSCALING");
    private static final Set<String> FORCE_STOP_STATUSES =
            Set.of("STARTING", "UPDATING", "STOPPING", "AUTOSCALING", "RUNNING");
    /**
     * Snapshots per application (https://docs.aws.amazon.com/managed-flink/latest/java/limits.html);
     * package-visible so a wire test can fill the quota.
     */
    static final int SNAPSHOT_LIMIT = 1000;
    static final int MAX_TAGS = 50;

    /** What happens when the current transient status ends. */
    private enum Step { STARTED, UPDATED, UPDATE_FAILED, ROLLED_BACK, ROLLBACK_FAILED, STOPPED, AUTOSCALED }

    /** {@code operation} is null for autoscaling, which is no API operation. */
    private record Pending(Instant at, Step step, Operation operation) {
    }

    /** Another party's action, due at {@code at}. */
    private record Scheduled(Instant at, ScenarioSpec.ActionSpec action) {
    }

    private final String name;
    private final Instant created;
    private final ScenarioSpec.Durations durations;
    private final Function<RunKey, ScenarioSpec.JobRule> rules;
    private final List<AppVersion> versions = new ArrayList<>();
    private final Map<Long, String> supersededStatus = new HashMap<>();
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    private final List<Operation> operations = new ArrayList<>();
    private final List<JobRun> runs = new ArrayList<>();
    private final List<Scheduled> scheduled = new ArrayList<>();
    private final List<RecordedCall> otherPartyCalls = new ArrayList<>();
    private final String description;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private ConfigurationTypes configurationTypes = ConfigurationTypes.CUSTOM;
    private String status;
    private Instant lastUpdated;
    private Pending pending;
    private int operationCounter;

    /** Which job rule applies: the application, its runtime, code key and whether the run follows a rollback. */
    record RunKey(String application, String runtime, String fileKey, boolean afterRollback) {
    }

    /** {@code now} is when the scenario (or CreateApplication) brings the application into being. */
    EmulatedApplication(ScenarioSpec.ApplicationSpec spec, Instant now, Instant created,
            ScenarioSpec.Durations durations, Function<RunKey, ScenarioSpec.JobRule> rules) {
        this.name = spec.name();
        this.durations = durations;
        this.rules = rules;
        this.status = spec.status();
        Instant since = now.minusSeconds(spec.runningSinceSeconds());
        this.created = created;
        this.lastUpdated = since;
        this.description = spec.description();
        this.tags.putAll(spec.tags());
        ScenarioSpec.CodeSpec code = spec.code();
        AppConfig config = new AppConfig(spec.runtime(), code == null ? null : code.bucketArn(),
                code == null ? null : code.fileKey(), code == null ? null : code.objectVersion(),
                spec.snapshotsEnabled(), spec.systemRollbackEnabled(),
                spec.checkpointIntervalMillis(), spec.parallelism(), spec.serviceExecutionRole(),
                spec.propertyGroups(), "RESTORE_FROM_LATEST_SNAPSHOT", null, false);
        versions.add(new AppVersion(spec.versionId(), config, since, null, null, null, token(spec.versionId())));
        for (ScenarioSpec.SnapshotSpec s : spec.snapshots()) {
            Instant at = now.minusSeconds(s.ageSeconds());
            snapshots.put(s.name(), new Snapshot(s.name(), spec.versionId(), spec.runtime(), at, at, false));
        }
        if ("RUNNING".equals(status)) {
            startRun(since, false);
        }
    }

    // ---- time ----------------------------------------------------------------------------

    /**
     * Applies every transition and every other party's action that was due at or before
     * {@code now}, in time order; on a tie the transition comes first, so the action meets its result.
     */
    void settle(Instant now) {
        while (true) {
            Scheduled action = scheduled.isEmpty() ? null : scheduled.get(0);
            boolean transitionDue = pending != null && !pending.at().isAfter(now)
                    && (action == null || !pending.at().isAfter(action.at()));
            if (transitionDue) {
                Pending due = pending;
                pending = null;
                complete(due);
            } else if (action != null && !action.at().isAfter(now)) {
                scheduled.remove(0);
                act(action);
            } else {
                return;
            }
        }
    }

    /** Schedules another party's action (never {@code startUpgrade}, which the local runtime starts). */
    void schedule(Instant at, ScenarioSpec.ActionSpec action) {
        int index = 0;
        while (index < scheduled.size() && !scheduled.get(index).at().isAfter(at)) {
            index++;
        }
        scheduled.add(index, new Scheduled(at, action));
    }

    /** The calls other parties made since the last drain, oldest first. */
    List<RecordedCall> drainOtherPartyCalls() {
        List<RecordedCall> calls = List.copyOf(otherPartyCalls);
        otherPartyCalls.clear();
        return calls;
    }

    private void complete(Pending due) {
        Instant at = due.at();
        switch (due.step()) {
            case STARTED, UPDATED -> {
                status = "RUNNING";
                startRun(at, false);
                due.operation().succeed(at);
            }
            case ROLLED_BACK -> {
                status = "RUNNING";
                startRun(at, true);
                due.operation().succeed(at);
            }
            case UPDATE_FAILED -> {
                due.operation().fail(at, "The Flink job failed to start with the updated configuration"
                        + " (injected by the scenario: UPDATE_FAILS)");
                if (current().config().systemRollbackEnabled()) {
                    Operation rollback = beginRollback(at, false);
                    due.operation().systemRollback(rollback.id());
                } else {
                    status = "READY";
                }
            }
            case ROLLBACK_FAILED -> {
                due.operation().fail(at, "The rollback could not restore the application"
                        + " (injected by the scenario: ROLLBACK_FAILS)");
                status = "READY";
            }
            case STOPPED -> {
                status = "READY";
                due.operation().succeed(at);
            }
            case AUTOSCALED -> {
                status = "RUNNING";
                startRun(at, false);
            }
        }
        lastUpdated = at;
    }

    // ---- operations ----------------------------------------------------------------------

    /** UpdateApplication; {@code failure} is STUCK_UPDATING, UPDATE_FAILS or null (the update works). */
    Operation update(UpdateCommand command, Instant now, Supplier<FaultType> failure) {
        requireConcurrencyToken(command);
        if (!status.equals("RUNNING") && !status.equals("READY")) {
            throw EmulatorException.inUse("Application " + name + " is in " + status
                    + " status. UpdateApplication is only allowed in READY or RUNNING status");
        }
        AppConfig before = current().config();
        AppConfig after = apply(before, command);
        boolean running = status.equals("RUNNING");
        if (command.runtime() != null && !Runtimes.isKnown(command.runtime())) {
            throw EmulatorException.invalidArgument("Unknown runtime environment " + command.runtime()
                    + "; known Flink runtimes: " + Runtimes.KNOWN);
        }
        boolean restoresState = running && after.snapshotsEnabled()
                && !"SKIP_RESTORE_FROM_SNAPSHOT".equals(after.restoreType());
        // The state restored was written by the running job, or by whatever ran when the custom snapshot was taken.
        String stateRuntime = before.runtime();
        if ("RESTORE_FROM_CUSTOM_SNAPSHOT".equals(after.restoreType())) {
            Snapshot snapshot = snapshots.get(after.restoreSnapshotName());
            if (snapshot == null || !snapshot.status(now).equals("READY")) {
                throw EmulatorException.invalidArgument("Snapshot " + after.restoreSnapshotName()
                        + " does not exist or is not READY for application " + name);
            }
            stateRuntime = snapshot.runtime();
        }
        if (restoresState && Runtimes.compare(after.runtime(), stateRuntime) < 0) {
            throw EmulatorException.invalidArgument("Cannot update application " + name + " from "
                    + before.runtime() + " to the older runtime " + after.runtime()
                    + " while restoring state written by " + stateRuntime + ": state taken on a newer Flink version"
                    + " cannot be restored on an older one. Use SKIP_RESTORE_FROM_SNAPSHOT, a snapshot taken on "
                    + after.runtime() + " or older, or RollbackApplication");
        }
        AppVersion from = current();
        AppVersion to = new AppVersion(from.id() + 1, after, now, from.id(), null, null, token(from.id() + 1));
        supersede(from, status);
        versions.add(to);
        lastUpdated = now;
        Operation operation = newOperation("UpdateApplication", now, from.id(), to.id());
        if (!running) {
            operation.succeed(now);
            return operation;
        }
        if (before.snapshotsEnabled()) {
            takeAutomaticSnapshot(from, now);
        }
        endRun(now);
        status = "UPDATING";
        FaultType fault = failure.get();
        if (fault == FaultType.STUCK_UPDATING) {
            return operation;
        }
        Step step = fault == FaultType.UPDATE_FAILS ? Step.UPDATE_FAILED : Step.UPDATED;
        pending = new Pending(now.plus(durations.updating()), step, operation);
        return operation;
    }

    /** RollbackApplication; {@code fails} makes the rollback operation end FAILED. */
    Operation rollback(Long currentVersionId, Instant now, BooleanSupplier fails) {
        if (currentVersionId == null) {
            throw EmulatorException.invalidArgument("CurrentApplicationVersionId is required");
        }
        if (currentVersionId != current().id()) {
            throw staleVersion(currentVersionId);
        }
        if (!ROLLBACK_STATUSES.contains(status)) {
            throw EmulatorException.inUse("Application " + name + " is in " + status
                    + " status. RollbackApplication is only allowed in RUNNING, UPDATING or AUTOSCALING status");
        }
        if (snapshots.values().stream().noneMatch(s -> s.status(now).equals("READY"))) {
            throw EmulatorException.invalidRequest("Application " + name
                    + " has no snapshot to restore from, so it cannot be rolled back");
        }
        if (current().updatedFrom() == null) {
            throw EmulatorException.invalidRequest("Application " + name
                    + " has no previous version to roll back to");
        }
        if (pending != null) {
            if (pending.operation() != null) {
                pending.operation().cancel(now);
            }
            pending = null;
        } else {
            operations.stream().filter(o -> o.status().equals("IN_PROGRESS")).forEach(o -> o.cancel(now));
        }
        return beginRollback(now, fails.getAsBoolean());
    }

    private Operation beginRollback(Instant now, boolean fails) {
        AppVersion from = current();
        AppVersion target = version(from.updatedFrom()).orElseThrow();
        AppVersion to = new AppVersion(from.id() + 1, target.config(), now, from.id(), from.id(), target.id(),
                token(from.id() + 1));
        supersede(from, "ROLLED_BACK");
        versions.add(to);
        endRun(now);
        status = "ROLLING_BACK";
        lastUpdated = now;
        Operation operation = newOperation("RollbackApplication", now, from.id(), to.id());
        pending = new Pending(now.plus(durations.rollingBack()), fails ? Step.ROLLBACK_FAILED : Step.ROLLED_BACK,
                operation);
        return operation;
    }

    Operation start(Instant now, String restoreType, String restoreSnapshotName) {
        if (!status.equals("READY")) {
            throw EmulatorException.inUse("Application " + name + " is in " + status
                    + " status. StartApplication is only allowed in READY status");
        }
        if (current().config().fileKey() == null) {
            // INFERRED: the code is optional in CreateApplication but a job needs some; the exception
            // is one StartApplication declares ("the user-provided application configuration is not valid").
            throw EmulatorException.client("InvalidApplicationConfigurationException", "Application " + name
                    + " has no application code; add it with UpdateApplication before starting it");
        }
        if (restoreType != null) {
            AppVersion v = current();
            versions.set(versions.size() - 1, new AppVersion(v.id(), v.config().withRun(restoreType,
                    restoreSnapshotName, false), v.created(), v.updatedFrom(), v.rolledBackFrom(),
                    v.rolledBackTo(), v.conditionalToken()));
        }
        status = "STARTING";
        Operation operation = newOperation("StartApplication", now, current().id(), current().id());
        pending = new Pending(now.plus(durations.starting()), Step.STARTED, operation);
        return operation;
    }

    Operation stop(Instant now, boolean force) {
        boolean allowed = force ? FORCE_STOP_STATUSES.contains(status) : status.equals("RUNNING");
        if (!allowed) {
            throw EmulatorException.inUse("Application " + name + " is in " + status + " status. StopApplication"
                    + (force ? " with Force is only allowed in STARTING, UPDATING, STOPPING, AUTOSCALING or RUNNING"
                            : " is only allowed in RUNNING") + " status");
        }
        if (pending != null && pending.operation() != null) {
            pending.operation().cancel(now);
        }
        if (!force && status.equals("RUNNING") && current().config().snapshotsEnabled()) {
            takeAutomaticSnapshot(current(), now);
        }
        endRun(now);
        status = force ? "FORCE_STOPPING" : "STOPPING";
        Operation operation = newOperation("StopApplication", now, current().id(), current().id());
        pending = new Pending(now.plus(durations.stopping()), Step.STOPPED, operation);
        return operation;
    }

    void createSnapshot(String snapshotName, Instant now, BooleanSupplier fails) {
        if (!status.equals("RUNNING")) {
            throw EmulatorException.inUse("Application " + name + " is in " + status
                    + " status. Snapshot creation is only allowed when the application is in RUNNING status");
        }
        if (!current().config().snapshotsEnabled()) {
            throw EmulatorException.invalidRequest("Snapshots are disabled for application " + name);
        }
        if (snapshots.containsKey(snapshotName)) {
            throw EmulatorException.invalidArgument("Snapshot " + snapshotName + " already exists for application "
                    + name);
        }
        if (snapshots.size() >= SNAPSHOT_LIMIT) {
            throw EmulatorException.client("LimitExceededException", "Application " + name + " already has "
                    + SNAPSHOT_LIMIT + " snapshots");
        }
        snapshots.put(snapshotName, new Snapshot(snapshotName, current().id(), current().config().runtime(), now,
                now.plus(durations.snapshotCreating()), fails.getAsBoolean()));
    }

    /**
     * MSF's own snapshot of the running {@code version} (see the class comment): not refused by
     * the quota, and never failed by a fault.
     */
    private void takeAutomaticSnapshot(AppVersion version, Instant now) {
        String snapshotName = "automatic-" + now.toEpochMilli();
        snapshots.put(snapshotName, new Snapshot(snapshotName, version.id(), version.config().runtime(), now,
                now.plus(durations.snapshotCreating()), false));
    }

    /**
     * DeleteApplicationSnapshot: the timestamp must be the snapshot's creation time to the second.
     * The model only says it is "the creation timestamp of the application snapshot to delete";
     * INFERRED: whole seconds match, because the AWS CLI and boto3 serialize a JSON timestamp as whole
     * epoch seconds by default (botocore serialize.py {@code _timestamp_unixtimestamp}), and the
     * documented CLI command must be able to delete the snapshot its own describe printed.
     */
    void deleteSnapshot(String snapshotName, Instant creationTimestamp, Instant now) {
        Snapshot snapshot = snapshot(snapshotName);
        if (creationTimestamp == null || creationTimestamp.getEpochSecond() != snapshot.created().getEpochSecond()) {
            throw EmulatorException.invalidArgument("SnapshotCreationTimestamp does not match the creation time of"
                    + " snapshot " + snapshotName);
        }
        if (snapshot.status(now).equals("CREATING")) {
            throw EmulatorException.inUse("Snapshot " + snapshotName + " is still being created");
        }
        snapshots.remove(snapshotName);
    }

    /** Another party (a retention job) deletes every READY snapshot, ours and MSF's automatic ones; returns their names. */
    List<String> deleteReadySnapshots(Instant now) {
        List<String> deleted = snapshots.values().stream()
                .filter(s -> s.status(now).equals("READY"))
                .map(Snapshot::name)
                .toList();
        deleted.forEach(snapshots::remove);
        return deleted;
    }

    /** Another user's update: a new version with a changed property group and no restart (INFERRED simplification). */
    void externalUpdate(Instant now) {
        AppVersion from = current();
        Map<String, Map<String, String>> groups = new LinkedHashMap<>(from.config().propertyGroups());
        groups.put("ops", Map.of("changedBy", "someone-else", "changedAt", now.toString()));
        AppVersion to = new AppVersion(from.id() + 1, from.config().withProperties(groups), now, from.id(), null,
                null, token(from.id() + 1));
        supersede(from, status);
        versions.add(to);
        lastUpdated = now;
        newOperation("UpdateApplication", now, from.id(), to.id()).succeed(now);
    }

    // ---- other parties -------------------------------------------------------------------

    private void act(Scheduled scheduledAction) {
        ScenarioSpec.ActionSpec action = scheduledAction.action();
        Instant at = scheduledAction.at();
        switch (action.type()) {
            case UPDATE -> updateByOtherParty(action, at);
            case STOP -> stopByOtherParty(at);
            case AUTOSCALE -> autoscale(action, at);
            case START_UPGRADE -> throw new IllegalStateException("startUpgrade is started by the local runtime");
        }
    }

    private void updateByOtherParty(ScenarioSpec.ActionSpec action, Instant at) {
        ObjectNode request = otherPartyRequest("someone-else");
        if (!status.equals("RUNNING") && !status.equals("READY")) {
            recordOtherParty(at, "UpdateApplication", request, "ResourceInUseException");
            return;
        }
        AppVersion from = current();
        AppConfig config = from.config();
        if (action.runtime() != null) {
            config = config.withRuntime(action.runtime());
            request.put("RuntimeEnvironmentUpdate", action.runtime());
        }
        if (action.fileKey() != null) {
            config = config.withCode(config.bucketArn(), action.fileKey(), null);
            request.put("FileKeyUpdate", action.fileKey());
        }
        if (action.propertyGroups() != null) {
            config = config.withProperties(action.propertyGroups());
            request.putPOJO("PropertyGroups", action.propertyGroups());
        }
        AppVersion to = new AppVersion(from.id() + 1, config, at, from.id(), null, null, token(from.id() + 1));
        supersede(from, status);
        versions.add(to);
        lastUpdated = at;
        Operation operation = newOperation("UpdateApplication", at, from.id(), to.id());
        if (status.equals("RUNNING")) {
            if (from.config().snapshotsEnabled()) {
                takeAutomaticSnapshot(from, at);
            }
            endRun(at);
            status = "UPDATING";
            pending = new Pending(at.plus(durations.updating()), Step.UPDATED, operation);
        } else {
            operation.succeed(at);
        }
        recordOtherParty(at, "UpdateApplication", request.put("ApplicationVersionId", to.id()), null);
    }

    private void stopByOtherParty(Instant at) {
        ObjectNode request = otherPartyRequest("someone-else").put("Force", false);
        if (!status.equals("RUNNING")) {
            recordOtherParty(at, "StopApplication", request, "ResourceInUseException");
            return;
        }
        stop(at, false);
        lastUpdated = at;
        recordOtherParty(at, "StopApplication", request, null);
    }

    private void autoscale(ScenarioSpec.ActionSpec action, Instant at) {
        ObjectNode request = otherPartyRequest("msf-autoscaling");
        if (!status.equals("RUNNING")) {
            recordOtherParty(at, MsfEmulator.AUTOSCALE_OPERATION, request, "ResourceInUseException");
            return;
        }
        AppVersion from = current();
        int parallelism = action.parallelism() != null ? action.parallelism() : from.config().parallelism() * 2;
        AppConfig scaled = from.config().withFlink(from.config().checkpointIntervalMillis(), parallelism);
        AppVersion to = new AppVersion(from.id() + 1, scaled, at, from.id(), null, null, token(from.id() + 1));
        supersede(from, status);
        versions.add(to);
        if (from.config().snapshotsEnabled()) {
            takeAutomaticSnapshot(from, at);
        }
        endRun(at);
        status = "AUTOSCALING";
        lastUpdated = at;
        pending = new Pending(at.plus(durations.autoscaling()), Step.AUTOSCALED, null);
        recordOtherParty(at, MsfEmulator.AUTOSCALE_OPERATION,
                request.put("Parallelism", parallelism).put("ApplicationVersionId", to.id()), null);
    }

    private ObjectNode otherPartyRequest(String actor) {
        return JsonNodeFactory.instance.objectNode().put("ApplicationName", name).put("Actor", actor);
    }

    private void recordOtherParty(Instant at, String operation, ObjectNode request, String errorCode) {
        otherPartyCalls.add(new RecordedCall(at, Service.KINESIS_ANALYTICS_V2.wireName(), operation, name, request, errorCode));
    }

    // ---- tags and creation details --------------------------------------------------------

    /**
     * TagResource: "If you specify a tag that already exists, the tag value is replaced"; at most
     * 50 user-defined tags (model doc of Tag and TagResource,
     * https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_TagResource.html).
     */
    void tag(Map<String, String> added) {
        Map<String, String> result = new LinkedHashMap<>(tags);
        result.putAll(added);
        if (result.size() > MAX_TAGS) {
            throw EmulatorException.client("TooManyTagsException", "Application " + name + " would have "
                    + result.size() + " tags; the maximum number of user-defined application tags is " + MAX_TAGS);
        }
        tags.clear();
        tags.putAll(result);
    }

    /** UntagResource; INFERRED: a key the application does not have is ignored, as AWS's other tag APIs do. */
    void untag(Collection<String> keys) {
        keys.forEach(tags::remove);
    }

    /** CreateApplication's ConfigurationType per configuration, kept as sent. */
    void configurationTypes(ConfigurationTypes types) {
        this.configurationTypes = types;
    }

    // ---- reads ---------------------------------------------------------------------------

    String name() { return name; }
    /** Null when CreateApplication sent none. */
    String description() { return description; }
    Map<String, String> tags() { return Collections.unmodifiableMap(new LinkedHashMap<>(tags)); }
    ConfigurationTypes configurationTypes() { return configurationTypes; }
    Instant created() { return created; }
    Instant lastUpdated() { return lastUpdated; }
    String status() { return status; }
    AppVersion current() { return versions.get(versions.size() - 1); }
    List<AppVersion> versions() { return List.copyOf(versions); }
    Collection<Snapshot> snapshots() { return List.copyOf(snapshots.values()); }
    List<Operation> operations() { return List.copyOf(operations); }
    List<JobRun> runs() { return List.copyOf(runs); }

    Optional<AppVersion> version(long id) {
        return versions.stream().filter(v -> v.id() == id).findFirst();
    }

    /** The status a version is listed with: the application's for the current one. */
    String versionStatus(AppVersion version) {
        return version.id() == current().id() ? status : supersededStatus.get(version.id());
    }

    Snapshot snapshot(String snapshotName) {
        Snapshot snapshot = snapshots.get(snapshotName);
        if (snapshot == null) {
            throw EmulatorException.notFound("Snapshot " + snapshotName + " not found for application " + name);
        }
        return snapshot;
    }

    Operation operation(String operationId) {
        return operations.stream().filter(o -> o.id().equals(operationId)).findFirst()
                .orElseThrow(() -> EmulatorException.notFound("Operation " + operationId
                        + " not found for application " + name));
    }

    // ---- helpers -------------------------------------------------------------------------

    private void requireConcurrencyToken(UpdateCommand command) {
        if (command.currentVersionId() == null && command.conditionalToken() == null) {
            throw EmulatorException.invalidArgument(
                    "You must provide the CurrentApplicationVersionId or the ConditionalToken");
        }
        if (command.currentVersionId() != null && command.currentVersionId() != current().id()) {
            throw staleVersion(command.currentVersionId());
        }
        if (command.conditionalToken() != null && !command.conditionalToken().equals(current().conditionalToken())) {
            throw EmulatorException.client("ConcurrentModificationException", "The ConditionalToken "
                    + command.conditionalToken() + " does not match the current token of application " + name
                    + "; it was modified concurrently");
        }
    }

    private EmulatorException staleVersion(long given) {
        return EmulatorException.client("ConcurrentModificationException", "The CurrentApplicationVersionId "
                + given + " does not match the current version " + current().id() + " of application " + name
                + "; it was modified concurrently");
    }

    private static AppConfig apply(AppConfig c, UpdateCommand u) {
        AppConfig result = c;
        if (u.runtime() != null) {
            result = result.withRuntime(u.runtime());
        }
        if (u.bucketArn() != null || u.fileKey() != null || u.objectVersion() != null) {
            // Partial code updates merge with the current location (AWS's guide sends FileKeyUpdate alone).
            result = result.withCode(
                    u.bucketArn() != null ? u.bucketArn() : result.bucketArn(),
                    u.fileKey() != null ? u.fileKey() : result.fileKey(),
                    u.objectVersion());
        }
        if (u.snapshotsEnabled() != null || u.systemRollbackEnabled() != null) {
            result = result.withSnapshots(
                    u.snapshotsEnabled() != null ? u.snapshotsEnabled() : result.snapshotsEnabled(),
                    u.systemRollbackEnabled() != null ? u.systemRollbackEnabled() : result.systemRollbackEnabled());
        }
        if (u.checkpointIntervalMillis() != null || u.parallelism() != null) {
            result = result.withFlink(
                    u.checkpointIntervalMillis() != null ? u.checkpointIntervalMillis() : result.checkpointIntervalMillis(),
                    u.parallelism() != null ? u.parallelism() : result.parallelism());
        }
        if (u.propertyGroups() != null) {
            result = result.withProperties(u.propertyGroups());
        }
        if (u.serviceExecutionRole() != null) {
            result = result.withRole(u.serviceExecutionRole());
        }
        // The restore choice is kept; AllowNonRestoredState is not sticky (model doc) and resets to false.
        String restoreType = u.restoreType() != null ? u.restoreType() : result.restoreType();
        String snapshotName = u.restoreType() != null ? u.restoreSnapshotName() : result.restoreSnapshotName();
        return result.withRun(restoreType, snapshotName, Boolean.TRUE.equals(u.allowNonRestoredState()));
    }

    private void supersede(AppVersion version, String finalStatus) {
        supersededStatus.put(version.id(), finalStatus);
    }

    private void startRun(Instant at, boolean afterRollback) {
        AppConfig config = current().config();
        ScenarioSpec.JobRule rule = rules.apply(new RunKey(name, config.runtime(), config.fileKey(), afterRollback));
        runs.add(new JobRun(at, config.runtime(), config.checkpointIntervalMillis(), rule));
    }

    private void endRun(Instant at) {
        if (!runs.isEmpty()) {
            runs.get(runs.size() - 1).end(at);
        }
    }

    private Operation newOperation(String operationName, Instant now, long from, long to) {
        operationCounter++;
        String id = UUID.nameUUIDFromBytes((name + "/operation/" + operationCounter).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
        Operation operation = new Operation(id, operationName, now, from, to);
        operations.add(operation);
        return operation;
    }

    private String token(long versionId) {
        return UUID.nameUUIDFromBytes((name + "/version/" + versionId).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
