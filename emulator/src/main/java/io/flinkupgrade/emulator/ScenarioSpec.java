package io.flinkupgrade.emulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The JSON shape of a scenario file; see {@code scenarios/README.md} for the meaning of each field. */
record ScenarioSpec(
        String description,
        Instant startTime,
        Durations durations,
        List<ApplicationSpec> applications,
        List<JobRule> jobs,
        List<AlarmSpec> alarms,
        List<FaultSpec> faults,
        List<ActionSpec> actions,
        FleetSpec fleet) {

    ScenarioSpec {
        Objects.requireNonNull(description, "description");
        startTime = startTime == null ? Instant.parse("2025-06-02T09:00:00Z") : startTime;
        durations = durations == null ? Durations.DEFAULTS : durations;
        List<ApplicationSpec> allApplications = new ArrayList<>(applications == null ? List.of() : applications);
        // A fleet's broken applications' rules come first: they name one application, so they must win over general rules.
        List<JobRule> allJobs = new ArrayList<>();
        if (fleet != null) {
            allApplications.addAll(fleet.applications());
            allJobs.addAll(fleet.jobs());
        }
        allJobs.addAll(jobs == null ? List.of() : jobs);
        applications = List.copyOf(allApplications);
        jobs = List.copyOf(allJobs);
        alarms = alarms == null ? List.of() : List.copyOf(alarms);
        faults = faults == null ? List.of() : List.copyOf(faults);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** How long each transient status lasts, in seconds. */
    record Durations(
            Integer startingSeconds,
            Integer updatingSeconds,
            Integer rollingBackSeconds,
            Integer stoppingSeconds,
            Integer snapshotCreatingSeconds,
            Integer autoscalingSeconds) {
        static final Durations DEFAULTS = new Durations(60, 90, 90, 30, 30, 120);

        Durations {
            startingSeconds = startingSeconds == null ? 60 : startingSeconds;
            updatingSeconds = updatingSeconds == null ? 90 : updatingSeconds;
            rollingBackSeconds = rollingBackSeconds == null ? 90 : rollingBackSeconds;
            stoppingSeconds = stoppingSeconds == null ? 30 : stoppingSeconds;
            snapshotCreatingSeconds = snapshotCreatingSeconds == null ? 30 : snapshotCreatingSeconds;
            autoscalingSeconds = autoscalingSeconds == null ? 120 : autoscalingSeconds;
        }

        Duration starting() { return Duration.ofSeconds(startingSeconds); }
        Duration updating() { return Duration.ofSeconds(updatingSeconds); }
        Duration rollingBack() { return Duration.ofSeconds(rollingBackSeconds); }
        Duration stopping() { return Duration.ofSeconds(stoppingSeconds); }
        Duration snapshotCreating() { return Duration.ofSeconds(snapshotCreatingSeconds); }
        Duration autoscaling() { return Duration.ofSeconds(autoscalingSeconds); }
    }

    /** One application as it exists when the scenario starts. */
    record ApplicationSpec(
            String name,
            String status,
            String runtime,
            Long versionId,
            Long runningSinceSeconds,
            Boolean snapshotsEnabled,
            Boolean systemRollbackEnabled,
            Long checkpointIntervalMillis,
            Integer parallelism,
            CodeSpec code,
            String serviceExecutionRole,
            Map<String, Map<String, String>> propertyGroups,
            List<SnapshotSpec> snapshots,
            String description,
            Map<String, String> tags) {

        ApplicationSpec {
            Objects.requireNonNull(name, "applications[].name");
            Objects.requireNonNull(runtime, "applications[].runtime");
            status = status == null ? "RUNNING" : status;
            versionId = versionId == null ? 1L : versionId;
            runningSinceSeconds = runningSinceSeconds == null ? 86_400L : runningSinceSeconds;
            snapshotsEnabled = snapshotsEnabled == null || snapshotsEnabled;
            systemRollbackEnabled = systemRollbackEnabled != null && systemRollbackEnabled;
            checkpointIntervalMillis = checkpointIntervalMillis == null ? 60_000L : checkpointIntervalMillis;
            parallelism = parallelism == null ? 1 : parallelism;
            serviceExecutionRole = serviceExecutionRole == null
                    ? "arn:aws:iam::123456789012:role/" + name : serviceExecutionRole;
            propertyGroups = propertyGroups == null ? Map.of() : Map.copyOf(propertyGroups);
            snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }

    /** Where the application code lives in S3; an application may have none yet (CreateApplication without code). */
    record CodeSpec(String bucketArn, String fileKey, String objectVersion) {
        CodeSpec {
            Objects.requireNonNull(bucketArn, "code.bucketArn");
            Objects.requireNonNull(fileKey, "code.fileKey");
        }
    }

    /** A READY snapshot that already exists, taken {@code ageSeconds} before the start. */
    record SnapshotSpec(String name, Long ageSeconds) {
        SnapshotSpec {
            Objects.requireNonNull(name, "snapshots[].name");
            ageSeconds = ageSeconds == null ? 3_600L : ageSeconds;
        }
    }

    /**
     * Many applications without an entry each: {@code count} RUNNING applications named
     * {@code namePattern} (a {@link String#format} pattern given the 1-based index), their runtimes taken
     * in turn from {@code runtimes}, each with {@code tags} and code at
     * {@code <codeBucketArn>/<name>/<name>-<runtime>.jar}; {@code broken} makes some of them misbehave.
     * Deterministic: the same section always gives the same fleet.
     */
    record FleetSpec(
            Integer count,
            String namePattern,
            List<String> runtimes,
            Map<String, String> tags,
            String codeBucketArn,
            List<BrokenSpec> broken) {

        FleetSpec {
            Objects.requireNonNull(count, "fleet.count");
            namePattern = namePattern == null ? "app-%03d" : namePattern;
            runtimes = runtimes == null || runtimes.isEmpty() ? List.of("FLINK-1_15") : List.copyOf(runtimes);
            tags = tags == null ? Map.of() : Map.copyOf(tags);
            codeBucketArn = codeBucketArn == null ? "arn:aws:s3:::flink-artifacts-123456789012" : codeBucketArn;
            broken = broken == null ? List.of() : List.copyOf(broken);
        }

        String name(int index) {
            return String.format(namePattern, index);
        }

        List<ApplicationSpec> applications() {
            List<ApplicationSpec> applications = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String name = name(i);
                String runtime = runtimes.get((i - 1) % runtimes.size());
                String version = runtime.substring("FLINK-".length()).replace('_', '.');
                applications.add(new ApplicationSpec(name, "RUNNING", runtime, 3L, null, true, null, null, 2,
                        new CodeSpec(codeBucketArn, name + "/" + name + "-flink-" + version + ".jar", null),
                        null, null, null, null, tags));
            }
            return applications;
        }

        /** One rule per broken application: its behaviour on the broken runtime. */
        List<JobRule> jobs() {
            List<JobRule> jobs = new ArrayList<>();
            for (BrokenSpec spec : broken) {
                for (int index : spec.indexes(count)) {
                    jobs.add(new JobRule(name(index), spec.runtime(), null, null, spec.behaviour(), null, null));
                }
            }
            return jobs;
        }
    }

    /**
     * Which fleet applications misbehave, and how, once on {@code runtime}: the 1-based {@code indexes},
     * and/or a {@code share} (0 to 1) of the fleet, every {@code round(1 / share)}-th application.
     */
    record BrokenSpec(List<Integer> indexes, Double share, String runtime, Behaviour behaviour) {
        BrokenSpec {
            Objects.requireNonNull(runtime, "fleet.broken[].runtime");
            Objects.requireNonNull(behaviour, "fleet.broken[].behaviour");
            indexes = indexes == null ? List.of() : List.copyOf(indexes);
            if (share != null && (share <= 0 || share > 1)) {
                throw new IllegalArgumentException("fleet.broken[].share must be above 0 and at most 1, got " + share);
            }
        }

        List<Integer> indexes(int count) {
            List<Integer> chosen = new ArrayList<>(indexes);
            if (share != null) {
                int step = (int) Math.round(1 / share);
                for (int i = step; i <= count; i += step) {
                    if (!chosen.contains(i)) {
                        chosen.add(i);
                    }
                }
            }
            return chosen;
        }
    }

    /**
     * How the simulated Flink job behaves for a running version: the first rule whose application,
     * runtime (and, when given, code file key and rollback flag) match wins; no match means HEALTHY.
     *
     * @param application the one application the rule is about; null: every application
     */
    record JobRule(
            String application,
            String runtime,
            String codeKey,
            Boolean afterRollback,
            Behaviour behaviour,
            Long afterSeconds,
            Long baselineLagMillis) {

        JobRule {
            Objects.requireNonNull(behaviour, "jobs[].behaviour");
            afterSeconds = afterSeconds == null ? 0L : afterSeconds;
            baselineLagMillis = baselineLagMillis == null ? 1_000L : baselineLagMillis;
        }
    }

    /**
     * A CloudWatch alarm on one metric of the AWS/KinesisAnalytics namespace and the states it goes
     * through. The configuration members only describe the alarm (DescribeAlarms returns them); the
     * timeline, not the metric, decides its state.
     *
     * @param dimensions default: {@code Application} = the scenario's first application
     */
    record AlarmSpec(
            String name,
            String metricName,
            List<AlarmPhase> timeline,
            String statistic,
            Integer periodSeconds,
            Integer evaluationPeriods,
            Double threshold,
            String comparisonOperator,
            Map<String, String> dimensions) {

        AlarmSpec {
            Objects.requireNonNull(name, "alarms[].name");
            metricName = metricName == null ? "downtime" : metricName;
            timeline = timeline == null || timeline.isEmpty()
                    ? List.of(new AlarmPhase("OK", null, null, null)) : List.copyOf(timeline);
            statistic = statistic == null ? "Maximum" : statistic;
            periodSeconds = periodSeconds == null ? 60 : periodSeconds;
            evaluationPeriods = evaluationPeriods == null ? 1 : evaluationPeriods;
            threshold = threshold == null ? 0.0 : threshold;
            comparisonOperator = comparisonOperator == null ? "GreaterThanThreshold" : comparisonOperator;
            dimensions = dimensions == null ? null : Map.copyOf(dimensions);
        }
    }

    /** From {@code offsetSeconds} after the anchor (START, FIRST_UPDATE or FIRST_ROLLBACK) the alarm is in {@code state}. */
    record AlarmPhase(String state, AlarmAnchor at, Long offsetSeconds, String reason) {
        AlarmPhase {
            Objects.requireNonNull(state, "timeline[].state");
            at = at == null ? AlarmAnchor.START : at;
            offsetSeconds = offsetSeconds == null ? 0L : offsetSeconds;
            reason = reason == null ? "Scenario set the alarm to " + state : reason;
        }
    }

    /** What an alarm phase's offset counts from. */
    enum AlarmAnchor {
        /** The scenario's start time. */
        START,
        /** The first successful UpdateApplication of any application. */
        FIRST_UPDATE,
        /** The first successful RollbackApplication of any application. */
        FIRST_ROLLBACK
    }

    /**
     * One injected fault; {@code operation} names the API operation it applies to. It is armed from
     * {@code atSeconds} after its {@code anchor} (START, FIRST_UPDATE or FIRST_ROLLBACK, as for alarm
     * phases; default: from the start), so a fault can begin part-way through an upgrade.
     */
    record FaultSpec(
            FaultType type,
            String operation,
            Integer times,
            Long seconds,
            String errorCode,
            AlarmAnchor anchor,
            Long atSeconds) {

        FaultSpec {
            Objects.requireNonNull(type, "faults[].type");
            times = times == null ? 1 : times;
            seconds = seconds == null ? 0L : seconds;
            anchor = anchor == null ? AlarmAnchor.START : anchor;
            atSeconds = atSeconds == null ? 0L : atSeconds;
        }
    }

    /**
     * Something another party does to an application at a time of the scenario: from
     * {@code atSeconds} after the anchor (START, FIRST_UPDATE or FIRST_ROLLBACK, as for alarm phases).
     * Which fields apply depends on the type; see {@code scenarios/README.md}.
     *
     * @param application     the application acted on; default the scenario's first application
     * @param runtime         {@code update}: the runtime to set; default unchanged
     * @param fileKey         {@code update}: the S3 key of the code to set; default unchanged
     * @param propertyGroups  {@code update}: the property groups to set; default unchanged
     * @param parallelism     {@code autoscale}: the new parallelism; default twice the current one
     * @param targetRuntime   {@code startUpgrade}: the second upgrade's target; default the running upgrade's input unchanged
     */
    record ActionSpec(
            ActionType type,
            AlarmAnchor anchor,
            Long atSeconds,
            String application,
            String runtime,
            String fileKey,
            Map<String, Map<String, String>> propertyGroups,
            Integer parallelism,
            String targetRuntime) {

        ActionSpec {
            Objects.requireNonNull(type, "actions[].type");
            anchor = anchor == null ? AlarmAnchor.START : anchor;
            atSeconds = atSeconds == null ? 0L : atSeconds;
            propertyGroups = propertyGroups == null ? null : Map.copyOf(propertyGroups);
        }
    }

    /** What another party does; the JSON names are the lower-case ones below. */
    enum ActionType {
        /** Someone else calls UpdateApplication (a CI pipeline, a person at the console). */
        @JsonProperty("update") UPDATE,
        /** Someone else calls StopApplication. */
        @JsonProperty("stop") STOP,
        /** MSF autoscaling changes the parallelism (status AUTOSCALING, then a new version). */
        @JsonProperty("autoscale") AUTOSCALE,
        /** Another upgrade execution of the same application is started (the local runtime starts it). */
        @JsonProperty("startUpgrade") START_UPGRADE
    }
}
