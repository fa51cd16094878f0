package io.flinkupgrade.infra;

import io.flinkupgrade.infra.LoggedStateMachine.AslDefinition;
import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.constructs.Construct;

/**
 * The fleet state machine (statemachine/fleet-upgrade.asl.json): PlanFleet, then a Distributed Map
 * per wave whose items start the upgrade state machine (startExecution, Request Response) and follow
 * those executions with DescribeExecution. Its role may start the upgrade state machine and nothing
 * else, describe (never stop) those executions, run and redrive its own Map Runs, and read the wave files in the
 * fleet bucket. Nothing uses .sync, so it has no access to the managed EventBridge rule .sync needs.
 */
final class FleetWorkflow extends Construct {
    static final String STATE_MACHINE_NAME = "flink-upgrade-fleet";
    static final String UPGRADE_STATE_MACHINE_ARN = "UpgradeStateMachineArn";
    static final String FLEET_BUCKET_NAME = "FleetBucketName";
    /**
     * A Map Run follows and, when it fails or is stopped, stops its child workflow executions; a redriven fleet
     * execution redrives its Map Runs' unsuccessful child workflow executions
     * (https://docs.aws.amazon.com/step-functions/latest/dg/redrive-map-run.html, "IAM permissions to redrive a Map Run").
     */
    static final List<String> MAP_RUN_CHILD_ACTIONS = List.of("states:DescribeExecution", "states:StopExecution", "states:RedriveExecution");

    private final StateMachine stateMachine;

    FleetWorkflow(Construct scope, String id, String definition, Map<TaskCatalog, IAlias> aliases, IStateMachine upgrade,
            Notifications notifications, IBucket fleetBucket, IKey logsKey) {
        super(scope, id);
        stateMachine = LoggedStateMachine.create(this, "Logs", "StateMachine", STATE_MACHINE_NAME, StateMachineType.STANDARD,
                new AslDefinition(Workflow.FLEET.aslFile(), definition, substitutions(aliases, notifications.topic().getTopicArn(),
                        notifications.eventBus().getEventBusName(), upgrade.getStateMachineArn(), fleetBucket.getBucketName())),
                logsKey);
        Workflow.FLEET.tasks().forEach(task -> aliases.get(task).grantInvoke(stateMachine));
        notifications.topic().grantPublish(stateMachine);
        notifications.eventBus().grantPutEventsTo(stateMachine);
        statements(Stack.of(this), upgrade.getStateMachineArn()).forEach(stateMachine::addToRolePolicy);
        // Each wave's ItemReader reads its wave file (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html).
        stateMachine.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("s3:GetObject"))
                .resources(List.of(fleetBucket.arnForObjects(FleetBucket.RUNS_PREFIX + "*"))).build());
        NagFindings.suppressStateMachineRole(stateMachine.getRole(), "Publishing to the KMS-encrypted topic needs the GenerateDataKey "
                + "family (kms:GenerateDataKey*), granted on that key only");
        NagSuppressions.addResourceSuppressions(stateMachine.getRole(), List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("The fleet follows the upgrade executions it starts, whose names are only known at run time "
                                + "(execution:" + UpgradeWorkflow.STATE_MACHINE_NAME + ":*), and the child workflow executions of its own "
                                + "Map Runs (execution:" + STATE_MACHINE_NAME + "/*)")
                        .appliesTo(List.of(
                                NagFindings.resource(Stack.of(this), "states", "execution:" + UpgradeWorkflow.STATE_MACHINE_NAME + ":*"),
                                NagFindings.resource(Stack.of(this), "states", "execution:" + STATE_MACHINE_NAME + "/*")))
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("Each wave's ItemReader reads that wave's file, named by the fleet execution at run time, under fleet-runs/ "
                                + "in the fleet bucket")
                        // The bucket's ARN is a reference to its generated logical ID.
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                .regex("/^Resource::<FleetBucket[A-Za-z0-9]+\\.Arn>\\/fleet-runs\\/\\*$/").build()))
                        .build()), true);
    }

    StateMachine stateMachine() {
        return stateMachine;
    }

    /**
     * What the fleet's own integrations need beyond invoking PlanFleet and notifying:
     * startExecution Request Response and DescribeExecution of what it started
     * (https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html), and Distributed Map
     * (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html).
     */
    static List<PolicyStatement> statements(Stack stack, String upgradeStateMachineArn) {
        String upgradeExecutions = stack.formatArn(ArnComponents.builder().service("states").resource("execution")
                .resourceName(UpgradeWorkflow.STATE_MACHINE_NAME + ":*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        String self = stack.formatArn(ArnComponents.builder().service("states").resource("stateMachine")
                .resourceName(STATE_MACHINE_NAME).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        String mapRunExecutions = stack.formatArn(ArnComponents.builder().service("states").resource("execution")
                .resourceName(STATE_MACHINE_NAME + "/*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        return List.of(
                PolicyStatement.Builder.create().actions(List.of("states:StartExecution")).resources(List.of(upgradeStateMachineArn)).build(),
                // Never StopExecution: a stopped fleet must leave every upgrade to finish or roll back on its own.
                PolicyStatement.Builder.create().actions(List.of("states:DescribeExecution")).resources(List.of(upgradeExecutions)).build(),
                // The Map Run starts each iteration as an execution of this state machine; built from the name, since the
                // state machine's own ARN attribute would make its role depend on it.
                PolicyStatement.Builder.create().actions(List.of("states:StartExecution")).resources(List.of(self)).build(),
                PolicyStatement.Builder.create().actions(MAP_RUN_CHILD_ACTIONS).resources(List.of(mapRunExecutions)).build());
    }

    /** The fleet task placeholders to alias ARNs, plus the topic, the bus and the upgrade state machine. */
    static Map<String, String> substitutions(Map<TaskCatalog, IAlias> aliases, String topicArn, String eventBusName,
            String upgradeStateMachineArn, String fleetBucketName) {
        Map<String, String> substitutions = new LinkedHashMap<>();
        for (TaskCatalog task : Workflow.FLEET.tasks()) {
            substitutions.put(task.substitutionKey(), aliases.get(task).getFunctionArn());
        }
        Map<String, String> integrations = Map.of(UpgradeWorkflow.NOTIFICATION_TOPIC_ARN, topicArn, UpgradeWorkflow.EVENT_BUS_NAME,
                eventBusName, UPGRADE_STATE_MACHINE_ARN, upgradeStateMachineArn, FLEET_BUCKET_NAME, fleetBucketName);
        if (!integrations.keySet().equals(Set.copyOf(Workflow.FLEET.integrationSubstitutions()))) {
            throw new IllegalStateException("Workflow.FLEET's integrations " + Workflow.FLEET.integrationSubstitutions()
                    + " differ from what the stack provides " + integrations.keySet());
        }
        Workflow.FLEET.integrationSubstitutions().forEach(key -> substitutions.put(key, integrations.get(key)));
        return substitutions;
    }
}
