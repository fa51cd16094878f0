package io.flinkupgrade.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.wiring.Workflow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/** The deployable stack: the task functions, the workflow, its notifications and alarms, and the configured triggers. */
public final class UpgradeStack extends Stack {
    UpgradeStack(Construct scope, String id, StackProps props, UpgradeStackConfig config, RepositoryLayout layout) {
        super(scope, id, props);
        checkApplicationRegions(config);
        Key logsKey = Key.Builder.create(this, "LogsKey")
                .description("flink-upgrade: encrypts the workflow, task and API log groups and the lease table")
                .enableKeyRotation(true)
                .build();
        // CloudWatch Logs encrypts with the key itself; the condition keeps it to this account's log groups.
        logsKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("logs." + getRegion() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        "arn:" + getPartition() + ":logs:" + getRegion() + ":" + getAccount() + ":log-group:*")))
                .build());

        FleetBucket fleetBucket = new FleetBucket(this, "FleetBucket");
        TaskFunctions functions = new TaskFunctions(this, "Tasks", layout.lambdaJars(), config.applicationArns(), fleetBucket.bucket(), logsKey);
        Notifications notifications = new Notifications(this, "Notifications", config.notificationEmails());
        Leases leases = new Leases(this, "Leases", logsKey);
        Reports reports = new Reports(this, "Reports", layout.reportJar(), logsKey);
        UpgradeWorkflow workflow = new UpgradeWorkflow(this, "Workflow", RepositoryLayout.read(layout.asl()), functions.aliases(),
                notifications, leases, reports, logsKey);
        leases.cleanUpAfter(workflow.stateMachine(), RepositoryLayout.read(layout.releaseLeaseAsl()), logsKey);
        reports.writeAfter(workflow.stateMachine(), UpgradeWorkflow.STATE_MACHINE_NAME);
        FleetWorkflow fleet = new FleetWorkflow(this, "Fleet", RepositoryLayout.read(layout.fleetAsl()), functions.aliases(),
                workflow.stateMachine(), notifications, fleetBucket.bucket(), logsKey);
        Alarms alarms = new Alarms(this, "Alarms", workflow.stateMachine(), notifications.topic());
        notifications.allowAlarmsToPublish(alarms.alarmArns());
        UpgradeDashboard dashboard = new UpgradeDashboard(this, "Dashboard", workflow.stateMachine(), functions.aliases(), leases.table());
        if (!config.schedules().isEmpty()) {
            new Schedules(this, "Schedules", Map.of(Workflow.UPGRADE, workflow.stateMachine(), Workflow.FLEET, fleet.stateMachine()),
                    config.schedules());
        }

        CfnOutput.Builder.create(this, "StateMachineArn").value(workflow.stateMachine().getStateMachineArn())
                .description("Start an upgrade: aws stepfunctions start-execution --state-machine-arn <this>").build();
        CfnOutput.Builder.create(this, "FleetStateMachineArn").value(fleet.stateMachine().getStateMachineArn())
                .description("Start a fleet upgrade: aws stepfunctions start-execution --state-machine-arn <this> --input file://events/fleet-input.json").build();
        CfnOutput.Builder.create(this, "FleetBucketName").value(fleetBucket.bucket().getBucketName())
                .description("A fleet's application list too large for the input goes under fleet-requests/ here (applicationList)").build();
        CfnOutput.Builder.create(this, "NotificationTopicArn").value(notifications.topic().getTopicArn()).build();
        CfnOutput.Builder.create(this, "EventBusName").value(notifications.eventBus().getEventBusName()).build();
        CfnOutput.Builder.create(this, "DashboardUrl").value(dashboard.url())
                .description("The CloudWatch dashboard " + UpgradeDashboard.DASHBOARD_NAME + ": executions, outcomes, durations, errors").build();
        CfnOutput.Builder.create(this, "ReportBucketName").value(reports.bucket().getBucketName())
                .description("Each upgrade's report: aws s3 cp s3://<this>/reports/<execution name>.html . (the outcome's report)").build();
        CfnOutput.Builder.create(this, "LeaseTableName").value(leases.table().getTableName())
                .description("One item per application: the lease of the upgrade running now (record LEASE)").build();
        if (config.apiEnabled()) {
            UpgradeApi api = new UpgradeApi(this, "Api", workflow.stateMachine(), schema(layout.requestSchema()), fleet.stateMachine(),
                    schema(layout.fleetRequestSchema()), leases, layout.apiJar(), logsKey);
            CfnOutput.Builder.create(this, "ApiUrl").value(api.api().urlForPath("/upgrades"))
                    .description("POST an upgrade request here, GET it to list upgrades (SigV4, service execute-api); GET <this>/<id> for one with its progress, POST <this>/<id>/abort to stop it").build();
        }
    }

    /**
     * One stack upgrades the applications of its own region: its tasks call MSF and CloudWatch there, by application name.
     * ARNs of several regions can never all be served; ARNs of another region than a known stack region name applications
     * the tasks would not find. An environment-agnostic synth (no region: the app run without the CDK CLI, or the CLI with
     * no region configured) cannot compare, since the region is decided only when CloudFormation deploys the template:
     * it warns instead, and such a deploy would end each upgrade REJECTED "not found" (or denied) in Preflight.
     */
    private void checkApplicationRegions(UpgradeStackConfig config) {
        Map<String, List<String>> byRegion = config.applicationArnsByRegion();
        if (byRegion.size() > 1) {
            throw new ConfigurationException("applicationArns name applications in " + byRegion.size() + " regions " + byRegion
                    + "; one stack upgrades the applications of its own region: deploy one stack per region");
        }
        String applicationsRegion = byRegion.keySet().iterator().next();
        String stackRegion = getRegion();
        if (Token.isUnresolved(stackRegion)) {
            Annotations.of(this).addWarningV2("flink-upgrade:RegionUnknown", "environment-agnostic synth: the application ARNs"
                    + " are in " + applicationsRegion + "; deploy this template in " + applicationsRegion + " only");
        } else if (!stackRegion.equals(applicationsRegion)) {
            throw new ConfigurationException("applicationArns " + byRegion.get(applicationsRegion) + " are in " + applicationsRegion
                    + ", not in this stack's region " + stackRegion + "; deploy in the applications' region (e.g. AWS_REGION="
                    + applicationsRegion + " npx aws-cdk@2 deploy ...) or name applications of " + stackRegion);
        }
    }

    private static JsonNode schema(Path file) {
        try {
            return new ObjectMapper().readTree(RepositoryLayout.read(file));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + " is not valid JSON", e);
        }
    }
}
