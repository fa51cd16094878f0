package io.flinkupgrade.wiring;

import java.util.Arrays;
import java.util.List;

/**
 * The state machines of {@code statemachine/}, each with the placeholders its direct service
 * integrations use (filled by the stack, and locally by the runtime) and the catalog tasks it calls.
 */
public enum Workflow {
    /** One application: upgrade-application.asl.json. */
    UPGRADE("upgrade-application.asl.json", "NotificationTopicArn", "EventBusName", "LeaseTableName", "ReportBucketName"),
    /** Many applications, each by a child execution of {@link #UPGRADE}: fleet-upgrade.asl.json. */
    FLEET("fleet-upgrade.asl.json", "NotificationTopicArn", "EventBusName", "UpgradeStateMachineArn", "FleetBucketName");

    private final String aslFile;
    private final List<String> integrationSubstitutions;

    Workflow(String aslFile, String... integrationSubstitutions) {
        this.aslFile = aslFile;
        this.integrationSubstitutions = List.of(integrationSubstitutions);
    }

    /** The definition's file name in {@code statemachine/}. */
    public String aslFile() {
        return aslFile;
    }

    /** Placeholders for Step Functions' direct service integrations (topic, bus, table, the child state machine) and the reports bucket. */
    public List<String> integrationSubstitutions() {
        return integrationSubstitutions;
    }

    /** The Lambda tasks this workflow's states call. */
    public List<TaskCatalog> tasks() {
        return Arrays.stream(TaskCatalog.values()).filter(task -> task.workflow() == this).toList();
    }
}
