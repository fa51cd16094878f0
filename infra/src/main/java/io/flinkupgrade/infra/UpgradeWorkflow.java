package io.flinkupgrade.infra;

import io.flinkupgrade.infra.LoggedStateMachine.AslDefinition;
import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/** The upgrade state machine: the ASL file inlined as is, its placeholders filled from the task catalog. */
final class UpgradeWorkflow extends Construct {
    static final String STATE_MACHINE_NAME = "flink-upgrade";
    static final String NOTIFICATION_TOPIC_ARN = "NotificationTopicArn";
    static final String EVENT_BUS_NAME = "EventBusName";
    /** Where the outcome says the report is: s3://<this>/reports/<execution name>.html. */
    static final String REPORT_BUCKET_NAME = "ReportBucketName";

    private final StateMachine stateMachine;

    UpgradeWorkflow(Construct scope, String id, String definition, Map<TaskCatalog, IAlias> aliases,
                    Notifications notifications, Leases leases, Reports reports, IKey logsKey) {
        super(scope, id);
        stateMachine = LoggedStateMachine.create(this, "Logs", "StateMachine", STATE_MACHINE_NAME, StateMachineType.STANDARD,
                new AslDefinition(Workflow.UPGRADE.aslFile(), definition, substitutions(aliases, notifications.topic().getTopicArn(),
                        notifications.eventBus().getEventBusName(), leases.table().getTableName(), reports.bucket().getBucketName())),
                logsKey);
        Workflow.UPGRADE.tasks().forEach(task -> aliases.get(task).grantInvoke(stateMachine));
        notifications.topic().grantPublish(stateMachine);
        notifications.eventBus().grantPutEventsTo(stateMachine);
        leases.grantLeaseTo(stateMachine);
        NagFindings.suppressStateMachineRole(stateMachine.getRole(), "Publishing to the KMS-encrypted topic and writing the lease table encrypted with the stack's "
                + "key need the GenerateDataKey family (kms:GenerateDataKey*), granted on those two keys only");
    }

    StateMachine stateMachine() {
        return stateMachine;
    }

    /** Catalog task placeholders to alias ARNs, plus the direct integrations' topic, bus and lease table, and the reports bucket. */
    static Map<String, String> substitutions(Map<TaskCatalog, IAlias> aliases, String topicArn, String eventBusName,
            String leaseTableName, String reportBucketName) {
        Map<String, String> substitutions = new LinkedHashMap<>();
        for (TaskCatalog task : Workflow.UPGRADE.tasks()) {
            IAlias alias = aliases.get(task);
            if (alias == null) {
                throw new IllegalStateException("no function for catalog task " + task);
            }
            substitutions.put(task.substitutionKey(), alias.getFunctionArn());
        }
        Map<String, String> integrations = Map.of(NOTIFICATION_TOPIC_ARN, topicArn, EVENT_BUS_NAME, eventBusName,
                Leases.LEASE_TABLE_NAME, leaseTableName, REPORT_BUCKET_NAME, reportBucketName);
        if (!integrations.keySet().equals(Set.copyOf(TaskCatalog.INTEGRATION_SUBSTITUTIONS))) {
            throw new IllegalStateException("TaskCatalog.INTEGRATION_SUBSTITUTIONS " + TaskCatalog.INTEGRATION_SUBSTITUTIONS
                    + " differ from what the stack provides " + integrations.keySet());
        }
        TaskCatalog.INTEGRATION_SUBSTITUTIONS.forEach(key -> substitutions.put(key, integrations.get(key)));
        return substitutions;
    }
}
