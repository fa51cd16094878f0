package io.flinkupgrade.application;

import io.flinkupgrade.plan.UpgradeRequest.CodeLocation;
import io.flinkupgrade.plan.UpgradeRequest.PropertyGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Judges a freshly described application against {@link OurChange}, pure: is it still the one our
 * update (or our rollback) made? Every check after a change of ours asks this first, so the
 * workflow never reports, bakes or rolls back an application someone else has since changed.
 *
 * <p>In order:
 * <ol>
 *   <li>runtime, code or configuration not what our versions run: FOREIGN, whatever the version;</li>
 *   <li>a version that is not ours and not newer than ours: FOREIGN (our calls did not make it);</li>
 *   <li>status AUTOSCALING: AUTOSCALING (MSF is changing the parallelism);</li>
 *   <li>a newer version with our runtime, code and configuration: AUTOSCALED, the version becomes
 *       ours (a scaling changes only the parallelism, which is not compared);</li>
 *   <li>after our change settled RUNNING, READY, STOPPING or FORCE_STOPPING: STOPPED;</li>
 *   <li>otherwise OURS.</li>
 * </ol>
 */
public final class ApplicationWatch {
    private static final Set<String> STOPPED_STATUSES = Set.of("READY", "STOPPING", "FORCE_STOPPING");

    private ApplicationWatch() {}

    /** What the check saw. */
    public enum Kind {
        /** Still ours, in the status the check expects or on its way there. */
        OURS,
        /** MSF is scaling it: not a failure. */
        AUTOSCALING,
        /** MSF scaled it to a new version that is otherwise ours: not a failure. */
        AUTOSCALED,
        /** Someone stopped it after our change had settled RUNNING. */
        STOPPED,
        /** Someone changed its runtime, code or configuration, or made a version our calls did not. */
        FOREIGN;

        /** The workflow stops watching: never roll back over it, never report UPGRADED. */
        public boolean interrupts() {
            return this == STOPPED || this == FOREIGN;
        }
    }

    /**
     * The judgement, with the application as read.
     *
     * @param ours       our change, with an autoscaled version added
     * @param reasons    why, with the versions and values compared; empty for OURS
     */
    public record Watch(Kind kind, String status, long versionId, String runtime, OurChange ours, List<String> reasons) {

        public Watch {
            Objects.requireNonNull(kind, "kind");
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * @param settledRunning whether our change is known to have settled RUNNING (the bake, or our
     *                       operation SUCCESSFUL on an application that was RUNNING): only then is a
     *                       stopped application someone else's doing
     */
    public static Watch judge(MsfApplication app, OurChange ours, boolean settledRunning) {
        List<String> differences = differences(app, ours);
        String at = "'" + app.name() + "' at version " + app.versionId() + " (" + app.status() + ")";
        if (!differences.isEmpty()) {
            return interrupted(Kind.FOREIGN, app, ours, "the application was changed by another party: " + at + ": "
                    + String.join("; ", differences) + ". This run stops watching it and does not roll back over that change");
        }
        boolean newer = app.versionId() > ours.latestVersionId();
        if (!ours.versionIds().contains(app.versionId()) && !newer) {
            return interrupted(Kind.FOREIGN, app, ours, "the application was changed by another party: " + at
                    + " is a version our calls did not make (ours: " + ours.versionIds() + "). This run stops watching it");
        }
        OurChange known = ours.withVersion(app.versionId());
        if ("AUTOSCALING".equals(app.status())) {
            return watch(Kind.AUTOSCALING, app, known, List.of("MSF is autoscaling " + at
                    + ": the job restart this causes is not counted against it"));
        }
        if (newer) {
            return watch(Kind.AUTOSCALED, app, known, List.of("MSF autoscaled " + at + " from version "
                    + ours.latestVersionId() + ": same runtime, code and configuration, so it is still ours"));
        }
        if (settledRunning && STOPPED_STATUSES.contains(app.status())) {
            String since = app.lastUpdated() == null ? "" : " at " + app.lastUpdated();
            return interrupted(Kind.STOPPED, app, known, "the application was stopped by another party" + since + ": "
                    + at + ", " + app.runtime() + ", after our change had settled RUNNING. This run does not restart it");
        }
        return watch(Kind.OURS, app, known, List.of());
    }

    /** Runtime, code and configuration our versions run that the application does not, as "what -> now". */
    static List<String> differences(MsfApplication app, OurChange ours) {
        List<String> differences = new ArrayList<>();
        if (!ours.runtime().equals(app.runtime())) {
            differences.add("runtime " + ours.runtime() + " -> " + app.runtime());
        }
        if (!app.runsCode(ours.code())) {
            boolean sameBucket = app.code() != null && Objects.equals(ours.code().bucketArn(), app.code().bucketArn());
            differences.add("code " + (sameBucket ? key(ours.code()) + " -> " + key(app.code())
                    : describe(ours.code()) + " -> " + describe(app.code())));
        }
        String properties = propertyChanges(groups(ours.propertyGroups()), groups(app.propertyGroups()));
        if (!properties.isEmpty()) {
            differences.add("property groups " + properties);
        }
        if (ours.checkpointIntervalMillis() != app.checkpointIntervalMillis()) {
            differences.add("checkpoint interval " + ours.checkpointIntervalMillis() + " ms -> "
                    + app.checkpointIntervalMillis() + " ms");
        }
        if (ours.snapshotsEnabled() != app.snapshotsEnabled()) {
            differences.add("snapshots enabled " + ours.snapshotsEnabled() + " -> " + app.snapshotsEnabled());
        }
        return differences;
    }

    private static Watch interrupted(Kind kind, MsfApplication app, OurChange ours, String reason) {
        return new Watch(kind, app.status(), app.versionId(), app.runtime(), ours, List.of(reason));
    }

    private static Watch watch(Kind kind, MsfApplication app, OurChange ours, List<String> reasons) {
        return new Watch(kind, app.status(), app.versionId(), app.runtime(), ours, reasons);
    }

    /** The code's key, object version and bucket. */
    static String describe(CodeLocation code) {
        return code == null ? "no code" : key(code) + " in " + code.bucketArn();
    }

    private static String key(CodeLocation code) {
        return code.fileKey() + (code.objectVersion() == null ? "" : " (object version " + code.objectVersion() + ")");
    }

    private static Map<String, Map<String, String>> groups(List<PropertyGroup> groups) {
        return groups.stream().collect(Collectors.toMap(PropertyGroup::propertyGroupId, PropertyGroup::propertyMap,
                (a, b) -> b));
    }

    private static String propertyChanges(Map<String, Map<String, String>> ours, Map<String, Map<String, String>> now) {
        Set<String> ids = new TreeSet<>(ours.keySet());
        ids.addAll(now.keySet());
        List<String> changes = new ArrayList<>();
        for (String id : ids) {
            if (!now.containsKey(id)) {
                changes.add(id + " removed");
            } else if (!ours.containsKey(id)) {
                changes.add(id + " added");
            } else if (!ours.get(id).equals(now.get(id))) {
                changes.add(id + " changed");
            }
        }
        return String.join(", ", changes);
    }
}
