package io.flinkupgrade.preflight;

import io.flinkupgrade.application.MsfApplication;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.plan.FlinkRuntime;
import io.flinkupgrade.plan.UpgradeRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The upgrade rules, pure: from the request and the application as it is now, either a rejection
 * (nothing will be changed) or the advisories and warnings the plan carries. Preflight applies them
 * to one application, the fleet plan to each application of a fleet.
 */
public final class PreflightRules {
    private static final FlinkRuntime FLINK_1_6 = new FlinkRuntime(1, 6);
    private static final FlinkRuntime FLINK_1_11 = new FlinkRuntime(1, 11);
    private static final FlinkRuntime FLINK_1_13 = new FlinkRuntime(1, 13);
    private static final FlinkRuntime FLINK_1_15 = new FlinkRuntime(1, 15);
    private static final FlinkRuntime FLINK_1_18 = new FlinkRuntime(1, 18);

    private PreflightRules() {}

    /** Advisories are about the target's compatibility; warnings are about how safe this run can be. */
    public record Assessment(FlinkRuntime current, FlinkRuntime target, List<String> advisories, List<String> warnings) {}

    public static Assessment assess(UpgradeRequest request, MsfApplication app) {
        FlinkRuntime target = FlinkRuntime.parse(request.targetRuntime())
                .orElseThrow(() -> new UpgradeRejectedException("targetRuntime",
                        "'" + request.targetRuntime() + "' is not a Flink runtime name such as FLINK-1_20"));
        if (!target.isKnown()) {
            throw new UpgradeRejectedException("targetRuntime",
                    target + " is not a runtime Managed Service for Apache Flink offers (known: " + FlinkRuntime.KNOWN + ")");
        }
        checkPartition(request, app);
        FlinkRuntime current = FlinkRuntime.parse(app.runtime())
                .orElseThrow(() -> new UpgradeRejectedException("applicationName",
                        "'" + app.name() + "' runs " + app.runtime() + ", not a Flink runtime this workflow can upgrade"));
        if (app.isTransitional()) {
            throw new UpgradeRejectedException("applicationName",
                    "'" + app.name() + "' is " + app.status() + "; wait until it is RUNNING or READY, then start the upgrade again");
        }
        if (!"RUNNING".equals(app.status()) && !"READY".equals(app.status())) {
            throw new UpgradeRejectedException("applicationName",
                    "'" + app.name() + "' is " + app.status() + "; in-place upgrades start from RUNNING or READY");
        }
        if (target.compareTo(current) < 0) {
            // MSF cannot restore state written by a newer Flink on an older one; a stateless downgrade
            // is a different operation than this workflow offers.
            throw new UpgradeRejectedException("targetRuntime",
                    target + " is older than the current " + current + "; downgrades are not upgrades (use RollbackApplication)");
        }
        if (target.equals(current) && app.runsCode(request.code())) {
            throw new UpgradeRejectedException("targetRuntime",
                    "'" + app.name() + "' already runs " + current + " with " + request.code().fileKey() + "; nothing to do"
                            + (request.code().objectVersion() == null ? " (new content under the same key? name it with code.objectVersion)" : ""));
        }
        if (current.equals(FLINK_1_6) && target.compareTo(FLINK_1_18) >= 0 && app.snapshotsEnabled()) {
            throw new UpgradeRejectedException("targetRuntime",
                    "MSF rejects stateful upgrades from FLINK-1_6 to " + target + "; upgrade to FLINK-1_15 first, take a snapshot, then to " + target);
        }

        List<String> advisories = new ArrayList<>();
        if (target.isFlink2OrLater() && !current.isFlink2OrLater()) {
            advisories.add("One-way upgrade: " + current + " -> " + target + " cannot be reversed with 2.x state. Kryo moves from 2 to 5 and "
                    + "Java collections in POJOs get new serializers, so Kryo-serialized state does not restore; Kinesis connectors below 5.0 "
                    + "keep incompatible state. Rollback returns to " + current + " from the pinned pre-upgrade snapshot. "
                    + "fullRestarts is replaced by numRestarts, and uptime/downtime are deprecated.");
        }
        if (current.compareTo(FLINK_1_11) <= 0 && target.compareTo(FLINK_1_13) >= 0) {
            advisories.add("Kinesis EFO connector: amazon-kinesis-connector-flink (1.11 and earlier) was renamed to "
                    + "org.apache.flink.streaming.connectors.kinesis in 1.13; migrate its state with amazon-kinesis-connector-flink-state-migrator or the job fails to start.");
        }
        if (current.compareTo(FLINK_1_13) <= 0 && target.compareTo(FLINK_1_15) >= 0) {
            advisories.add("FlinkKinesisProducer: keep it on " + target + " for a stateful upgrade unless the sink has a custom uid; "
                    + "MSF rejects jars bundling flink-connector-kinesis older than 1.15.2.");
        }
        if (target.equals(current)) {
            advisories.add("Runtime unchanged (" + current + "): this run deploys new code only.");
        }

        List<String> warnings = new ArrayList<>();
        if (!app.snapshotsEnabled()) {
            warnings.add("Snapshots are disabled on '" + app.name() + "': no pre-upgrade snapshot is possible, the update starts without state, "
                    + "and RollbackApplication (which needs a snapshot) cannot restore state.");
        } else if (!request.snapshot().enabled()) {
            // MSF snapshots the running job itself on update (https://docs.aws.amazon.com/managed-flink/latest/java/how-snapshots.html).
            warnings.add("snapshot.enabled is false: no pinned pre-upgrade snapshot; RollbackApplication restores the snapshot MSF takes"
                    + " automatically when the update starts, and a fallback restore cannot name a snapshot of its own.");
        }
        if ("READY".equals(app.status())) {
            warnings.add("'" + app.name() + "' is READY (not running): no snapshot, no health bake; MSF checks the new runtime at the next StartApplication.");
        }
        if (!app.snapshotsEnabled() && target.isFlink2OrLater() && !current.isFlink2OrLater()) {
            warnings.add("One-way upgrade with snapshots disabled: if " + target + " misbehaves there is no 1.x state to return to.");
        }
        return new Assessment(current, target, List.copyOf(advisories), List.copyOf(warnings));
    }

    /**
     * The code must live in the application's partition (aws, aws-cn, aws-us-gov, ...): an ARN of
     * another partition names a bucket the application's role can never read. Known once the
     * application's own ARN has been read.
     */
    private static void checkPartition(UpgradeRequest request, MsfApplication app) {
        String[] appArn = app.arn() == null ? new String[0] : app.arn().split(":", 6);
        String[] bucketArn = request.code().bucketArn().split(":", 6);
        if (appArn.length < 4 || bucketArn.length < 2 || appArn[1].equals(bucketArn[1])) {
            return;
        }
        throw new UpgradeRejectedException("code.bucketArn", "is in partition " + bucketArn[1] + ", but '" + app.name() + "' is in "
                + appArn[3] + " (partition " + appArn[1] + "); the code must be in a bucket of the application's partition");
    }
}
