package io.flinkupgrade.local.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The emulated account: its applications, alarms and faults on one clock. Not thread-safe on its
 * own; the server serialises calls.
 */
final class ApplicationModel {
    private static final ScenarioSpec.JobRule DEFAULT_RULE =
            new ScenarioSpec.JobRule(null, null, null, Behaviour.HEALTHY, 0L, 1_000L);

    private final Clock clock;
    private final ScenarioSpec spec;
    private final Faults faults;
    private final Instant started;
    private final Map<String, EmulatedApplication> applications = new LinkedHashMap<>();
    private Instant firstUpdate;
    private Instant firstRollback;

    /** The state of an alarm at one instant. */
    record AlarmState(ScenarioSpec.AlarmSpec alarm, String state, String reason, Instant since) {
    }

    ApplicationModel(Scenario scenario, Clock clock) {
        this.clock = clock;
        this.spec = scenario.spec();
        this.faults = new Faults(spec.faults(), this::anchor, this::now);
        this.started = now();
        for (ScenarioSpec.ApplicationSpec app : spec.applications()) {
            Instant since = started.minusSeconds(app.runningSinceSeconds());
            applications.put(app.name(), newApplication(app, started, since.minus(Duration.ofDays(30))));
        }
    }

    /** The clock's current instant at millisecond precision, the precision of the wire timestamps. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    Clock clock() {
        return clock;
    }

    Faults faults() {
        return faults;
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

    /** Marks the start of the upgrade, the anchor of FIRST_UPDATE alarm phases. */
    void updated(Instant at) {
        if (firstUpdate == null) {
            firstUpdate = at;
        }
    }

    /** Marks the first accepted RollbackApplication, the anchor of FIRST_ROLLBACK alarm phases. */
    void rolledBack(Instant at) {
        if (firstRollback == null) {
            firstRollback = at;
        }
    }

    /**
     * Fires a CONCURRENT_UPDATE fault after {@code operation} succeeded on {@code applicationName}:
     * someone else updates the application. Returns the application so the call can be recorded.
     */
    Optional<EmulatedApplication> afterSuccess(String operation, String applicationName) {
        if (applicationName == null || !applications.containsKey(applicationName)
                || !faults.fires(FaultType.CONCURRENT_UPDATE, operation)) {
            return Optional.empty();
        }
        EmulatedApplication app = application(applicationName);
        app.externalUpdate(now());
        return Optional.of(app);
    }

    /**
     * Fires a SNAPSHOT_DELETED fault after {@code operation} succeeded on {@code applicationName}:
     * someone else (a retention job, a person) deletes the application's READY {@code upgrade-*}
     * snapshots. Returns the names deleted, so the deletions can be recorded.
     */
    List<String> snapshotsDeletedAfter(String operation, String applicationName) {
        if (applicationName == null || !applications.containsKey(applicationName)
                || !faults.fires(FaultType.SNAPSHOT_DELETED, operation)) {
            return List.of();
        }
        return application(applicationName).deleteUpgradeSnapshots(now());
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

    /** The alarm's state now: the last phase whose anchor has happened and whose offset has passed. */
    AlarmState alarmState(ScenarioSpec.AlarmSpec alarm) {
        Instant now = now();
        AlarmState state = null;
        for (ScenarioSpec.AlarmPhase phase : alarm.timeline()) {
            Instant anchor = anchor(phase.at());
            if (anchor == null) {
                continue;
            }
            Instant from = anchor.plusSeconds(phase.offsetSeconds());
            if (!from.isAfter(now) && (state == null || !from.isBefore(state.since()))) {
                state = new AlarmState(alarm, phase.state(), phase.reason(), from);
            }
        }
        if (state == null) {
            // Before any phase applies, an alarm has not been evaluated yet.
            return new AlarmState(alarm, "INSUFFICIENT_DATA", "Unchecked: Initial alarm creation", started);
        }
        return state;
    }

    private EmulatedApplication newApplication(ScenarioSpec.ApplicationSpec app, Instant now, Instant created) {
        return new EmulatedApplication(app, now, created, spec.durations(), this::rule);
    }

    private ScenarioSpec.JobRule rule(EmulatedApplication.RunKey key) {
        return spec.jobs().stream()
                .filter(r -> r.runtime() == null || r.runtime().equals(key.runtime()))
                .filter(r -> r.codeKey() == null || r.codeKey().equals(key.fileKey()))
                .filter(r -> r.afterRollback() == null || r.afterRollback() == key.afterRollback())
                .findFirst()
                .orElse(DEFAULT_RULE);
    }
}
