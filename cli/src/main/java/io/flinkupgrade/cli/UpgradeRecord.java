package io.flinkupgrade.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One upgrade as the lease table keeps it, pure: a history record ({@code UPGRADE#<start>#<name>}, which
 * RecordHistory writes when the upgrade ends) or, while the upgrade runs, its application's lease item
 * ({@code LEASE}) with the step and bake progress the workflow records there as it goes.
 *
 * <p>The API's {@code UpgradeQueries} decodes the same items into its own response types. The two stay
 * apart on purpose: the API jar has no project dependency and the CLI only the Lambda module's pure types,
 * and a module of its own for these few lines would cost more than it saves. The item's shape is fixed by
 * the ASL (states TakeLease, Record*Step, RecordBakeProgress, RecordHistory).
 *
 * @param status RUNNING for a lease item, else the outcome the record keeps
 * @param toRuntime the record's toRuntime, or the lease's targetRuntime
 * @param step the recorded step while running (PREFLIGHT, SNAPSHOT, UPDATING, BAKE, ROLLING_BACK)
 */
record UpgradeRecord(
        String executionArn,
        String applicationName,
        String status,
        String fromRuntime,
        String toRuntime,
        String startedAt,
        String finishedAt,
        List<String> reasons,
        String snapshotName,
        String step,
        String stepStartedAt,
        Optional<Bake> bake) {

    static final String LEASE_RECORD = "LEASE";
    static final String RUNNING = "RUNNING";

    /** The bake as the workflow recorded it after its latest check: its own count and time left. */
    record Bake(int checks, String verdict, List<String> reasons, String checkedAt, long secondsLeft) {}

    boolean running() {
        return status.equals(RUNNING);
    }

    /** The execution's name: the last part of its ARN. */
    String executionName() {
        return executionArn.substring(executionArn.lastIndexOf(':') + 1);
    }

    String firstReason() {
        return reasons.isEmpty() ? "" : reasons.get(0);
    }

    static UpgradeRecord of(Map<String, AttributeValue> item) {
        boolean running = LEASE_RECORD.equals(text(item, "record"));
        AttributeValue bake = item.get("bake");
        return new UpgradeRecord(
                running ? text(item, "holder") : text(item, "executionArn"),
                text(item, "applicationName"),
                running ? RUNNING : text(item, "outcome"),
                text(item, "fromRuntime"),
                running ? text(item, "targetRuntime") : text(item, "toRuntime"),
                text(item, "startedAt"),
                text(item, "finishedAt"),
                strings(item.get("reasons")),
                text(item, "snapshotName"),
                text(item, "step"),
                text(item, "stepStartedAt"),
                bake != null && bake.hasM()
                        ? Optional.of(new Bake((int) number(bake.m(), "checks"), text(bake.m(), "verdict"), strings(bake.m().get("reasons")),
                                text(bake.m(), "checkedAt"), number(bake.m(), "secondsLeft")))
                        : Optional.empty());
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static List<String> strings(AttributeValue list) {
        return list == null || !list.hasL() ? List.of() : list.l().stream().map(AttributeValue::s).toList();
    }
}
