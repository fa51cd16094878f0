package io.flinkupgrade.infra;

import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/** The upgrade state machine: the ASL file inlined as is, its placeholders filled from the task catalog. */
final class UpgradeWorkflow extends Construct {
    static final String STATE_MACHINE_NAME = "flink-upgrade";
    static final String NOTIFICATION_TOPIC_ARN = "NotificationTopicArn";
    static final String EVENT_BUS_NAME = "EventBusName";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final StateMachine stateMachine;

    UpgradeWorkflow(Construct scope, String id, String definition, Map<TaskCatalog, IAlias> aliases,
                    Notifications notifications, Leases leases, IKey logsKey) {
        super(scope, id);
        Map<String, String> substitutions = substitutions(aliases, notifications.topic().getTopicArn(),
                notifications.eventBus().getEventBusName(), leases.table().getTableName());
        Set<String> placeholders = placeholders(definition);
        if (!placeholders.equals(new TreeSet<>(substitutions.keySet()))) {
            throw new IllegalStateException("the ASL's placeholders " + placeholders + " differ from the stack's substitutions "
                    + new TreeSet<>(substitutions.keySet()) + "; TaskCatalog and upgrade-application.asl.json have drifted");
        }
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                // The vendedlogs prefix keeps CloudWatch Logs' resource policy small when many state machines log.
                .logGroupName("/aws/vendedlogs/states/" + STATE_MACHINE_NAME)
                .retention(RetentionDays.THREE_MONTHS)
                .encryptionKey(logsKey)
                .build();
        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(STATE_MACHINE_NAME)
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromString(definition))
                .definitionSubstitutions(substitutions)
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
                .tracingEnabled(true)
                .build();
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

    /** Catalog task placeholders to alias ARNs, plus the direct integrations' topic, bus and lease table. */
    static Map<String, String> substitutions(Map<TaskCatalog, IAlias> aliases, String topicArn, String eventBusName,
            String leaseTableName) {
        Map<String, String> substitutions = new LinkedHashMap<>();
        for (TaskCatalog task : Workflow.UPGRADE.tasks()) {
            IAlias alias = aliases.get(task);
            if (alias == null) {
                throw new IllegalStateException("no function for catalog task " + task);
            }
            substitutions.put(task.substitutionKey(), alias.getFunctionArn());
        }
        Map<String, String> integrations = Map.of(NOTIFICATION_TOPIC_ARN, topicArn, EVENT_BUS_NAME, eventBusName,
                Leases.LEASE_TABLE_NAME, leaseTableName);
        if (!integrations.keySet().equals(Set.copyOf(TaskCatalog.INTEGRATION_SUBSTITUTIONS))) {
            throw new IllegalStateException("TaskCatalog.INTEGRATION_SUBSTITUTIONS " + TaskCatalog.INTEGRATION_SUBSTITUTIONS
                    + " differ from what the stack provides " + integrations.keySet());
        }
        TaskCatalog.INTEGRATION_SUBSTITUTIONS.forEach(key -> substitutions.put(key, integrations.get(key)));
        return substitutions;
    }

    /** Every {@code ${Name}} in the definition. */
    static Set<String> placeholders(String definition) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(definition);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
