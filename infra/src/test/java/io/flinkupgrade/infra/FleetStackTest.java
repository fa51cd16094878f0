package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.TaskJar;
import io.flinkupgrade.wiring.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fleet state machine, its role's exact grants for child executions, Map Runs and wave files, the
 * fleet bucket, PlanFleet's own jar and grants, and POST /fleet-upgrades.
 */
class FleetStackTest {
    private final Map<String, Object> properties = TestStacks.properties(TestStacks.fleetStateMachineId());

    private static String only(String type) {
        Map<String, Map<String, Object>> found = TestStacks.template().findResources(type);
        assertThat(found).hasSize(1);
        return found.keySet().iterator().next();
    }

    /** The fleet bucket (its access-log bucket's logical id starts FleetBucketAccessLogs). */
    private static String bucket() {
        List<String> ids = TestStacks.template().findResources("AWS::S3::Bucket").keySet().stream()
                .filter(id -> id.startsWith("FleetBucket") && !id.startsWith("FleetBucketAccessLogs")).toList();
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    private static Object objects(String prefix) {
        return Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucket(), "Arn")), "/" + prefix + "*")));
    }

    private static Object arn(String resource) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":states:", Map.of("Ref", "AWS::Region"), ":",
                Map.of("Ref", "AWS::AccountId"), ":" + resource)));
    }

    @Test
    void stateMachine_isStandardNamedTracedAndRunsTheFleetFile() {
        assertThat(properties)
                .containsEntry("StateMachineName", "flink-upgrade-fleet")
                .containsEntry("StateMachineType", "STANDARD")
                .containsEntry("TracingConfiguration", Map.of("Enabled", true));
        assertThat(properties.get("DefinitionString").toString()).contains("states:startExecution", "aws-sdk:sfn:describeExecution", "DISTRIBUTED")
                .doesNotContain("startExecution.sync");
    }

    @Test
    void substitutions_arePlanFleetTheTopicTheBusAndTheUpgradeStateMachine() {
        assertThat(properties.get("DefinitionSubstitutions")).isEqualTo(Map.of(
                TaskCatalog.PLAN_FLEET.substitutionKey(), Map.of("Ref", TestStacks.aliasId(TaskCatalog.PLAN_FLEET)),
                "NotificationTopicArn", Map.of("Ref", only("AWS::SNS::Topic")),
                "EventBusName", Map.of("Ref", only("AWS::Events::EventBus")),
                "UpgradeStateMachineArn", Map.of("Ref", TestStacks.upgradeStateMachineId()),
                FleetWorkflow.FLEET_BUCKET_NAME, Map.of("Ref", bucket())));
        assertThat(Workflow.FLEET.tasks()).containsExactly(TaskCatalog.PLAN_FLEET);
    }

    @Test
    void role_startsOnlyTheUpgradeStateMachineAndItsOwnMapRuns_followsOnlyThoseExecutions_redrivesOnlyItsMapRuns_andNeverStopsAnUpgrade() {
        String role = TestStacks.roleOf(properties.get("RoleArn"));
        List<Map<String, Object>> grants = TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList();

        assertThat(grants).contains(
                Map.of("Action", List.of("lambda:InvokeFunction"), "Resource", List.of(Map.of("Ref", TestStacks.aliasId(TaskCatalog.PLAN_FLEET)))),
                Map.of("Action", List.of("states:StartExecution"), "Resource", List.of(Map.of("Ref", TestStacks.upgradeStateMachineId()))),
                Map.of("Action", List.of("states:DescribeExecution"), "Resource", List.of(arn("execution:flink-upgrade:*"))),
                Map.of("Action", List.of("states:StartExecution"), "Resource", List.of(arn("stateMachine:flink-upgrade-fleet"))),
                Map.of("Action", List.of("states:DescribeExecution", "states:StopExecution", "states:RedriveExecution"),
                        "Resource", List.of(arn("execution:flink-upgrade-fleet/*"))));
        assertThat(grants.stream().filter(g -> ((List<?>) g.get("Action")).contains("states:StopExecution")).toList()).singleElement()
                .satisfies(g -> assertThat(g.get("Resource")).isEqualTo(List.of(arn("execution:flink-upgrade-fleet/*"))));
        assertThat(grants.stream().flatMap(g -> ((List<?>) g.get("Action")).stream()).map(a -> (String) a).toList())
                .doesNotContain("events:PutRule", "events:PutTargets", "events:DescribeRule");
        List<Object> lambdaResources = grants.stream().filter(g -> ((List<?>) g.get("Action")).contains("lambda:InvokeFunction"))
                .flatMap(g -> ((List<?>) g.get("Resource")).stream()).map(r -> (Object) r).toList();
        assertThat(lambdaResources).containsExactly(Map.of("Ref", TestStacks.aliasId(TaskCatalog.PLAN_FLEET)));
        assertThat(grants.stream().filter(g -> ((List<?>) g.get("Resource")).equals(List.of("*")))
                .flatMap(g -> ((List<?>) g.get("Action")).stream()).map(a -> (Object) a).toList())
                .allSatisfy(action -> assertThat((String) action).matches("^(logs|xray):[A-Za-z]+$"));
    }

    @Test
    void planFleetRole_listsApplicationsOnStarAndReadsOnlyTheConfiguredApplications() {
        String function = TestStacks.functionId(TaskCatalog.PLAN_FLEET);
        String role = TestStacks.roleOf(TestStacks.properties(function).get("Role"));
        List<Map<String, Object>> grants = TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList();

        assertThat(grants).contains(
                Map.of("Action", List.of("kinesisanalytics:ListTagsForResource", "kinesisanalytics:DescribeApplication",
                                "kinesisanalytics:DescribeApplicationVersion", "kinesisanalytics:ListApplicationSnapshots"),
                        "Resource", List.of(TestStacks.EXACT_ARN, TestStacks.PATTERN_ARN)),
                Map.of("Action", List.of("kinesisanalytics:ListApplications"), "Resource", List.of("*")));
    }

    @Test
    void fleetBucket_isPrivate_encrypted_tlsOnly_logged_andExpiresRequestsAndRuns() {
        Map<String, Object> bucket = TestStacks.properties(bucket());

        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket.get("BucketEncryption")).isEqualTo(Map.of("ServerSideEncryptionConfiguration", List.of(
                Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))));
        Map<?, ?> logging = (Map<?, ?>) bucket.get("LoggingConfiguration");
        assertThat(logging.get("LogFilePrefix")).isEqualTo("fleet-bucket/");
        assertThat(logging.get("DestinationBucketName").toString()).startsWith("{Ref=FleetBucketAccessLogs");
        assertThat(bucket.get("LifecycleConfiguration")).isEqualTo(Map.of("Rules", List.of(
                Map.of("Id", "expire-requests", "Prefix", "fleet-requests/", "ExpirationInDays", 30, "Status", "Enabled"),
                Map.of("Id", "expire-runs", "Prefix", "fleet-runs/", "ExpirationInDays", 30, "Status", "Enabled"))));
        assertThat(TestStacks.template().findResources("AWS::S3::Bucket").get(bucket())).containsEntry("DeletionPolicy", "Retain");
        Map<String, Map<String, Object>> policies = TestStacks.template().findResources("AWS::S3::BucketPolicy",
                Map.of("Properties", Map.of("Bucket", Map.of("Ref", bucket()))));
        assertThat(policies.values()).singleElement().asString().contains("aws:SecureTransport", "Deny");
    }

    @Test
    void planFleetRole_readsApplicationListsUnderFleetRequests_andWritesWaveFilesUnderFleetRuns_only() {
        String role = TestStacks.roleOf(TestStacks.properties(TestStacks.functionId(TaskCatalog.PLAN_FLEET)).get("Role"));
        List<Map<String, Object>> grants = TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList();

        assertThat(grants).filteredOn(g -> g.get("Action").toString().contains("s3:")).containsExactly(
                Map.of("Action", List.of("s3:GetObject"), "Resource", List.of(objects("fleet-requests/"))),
                Map.of("Action", List.of("s3:PutObject"), "Resource", List.of(objects("fleet-runs/"))));
    }

    @Test
    void stateMachineRole_readsOnlyTheWaveFiles() {
        String role = TestStacks.roleOf(properties.get("RoleArn"));
        List<Map<String, Object>> grants = TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList();

        assertThat(grants).filteredOn(g -> g.get("Action").toString().contains("s3:")).containsExactly(
                Map.of("Action", List.of("s3:GetObject"), "Resource", List.of(objects("fleet-runs/"))));
    }

    /** The code asset's key is the staged file's hash: PlanFleet's is the fleet-plan jar, every other task's the shared jar. */
    @Test
    void planFleetFunction_runsFromTheFleetPlanJar_theOtherTasksFromTheSharedJar() throws Exception {
        for (TaskCatalog task : TaskCatalog.values()) {
            Map<?, ?> code = (Map<?, ?>) TestStacks.properties(TestStacks.functionId(task)).get("Code");
            String asset = ((String) code.get("S3Key"));
            Path staged = TestStacks.root().resolve(TestStacks.OUTDIR).resolve("asset." + asset);

            assertThat(Files.mismatch(staged, TestStacks.layout().lambdaJar(task.jar()))).as("%s runs from %s", task, task.jar()).isEqualTo(-1L);
        }
        assertThat(TaskCatalog.PLAN_FLEET.jar()).isEqualTo(TaskJar.FLEET_PLAN);
    }

    @Test
    void postFleetUpgrades_isIamAuthorisedValidatedAgainstTheFleetSchemaAndStartsTheFleetStateMachine() {
        String resource = TestStacks.logicalId("AWS::ApiGateway::Resource", Map.of("PathPart", "fleet-upgrades"));
        String method = TestStacks.logicalId("AWS::ApiGateway::Method", Map.of("HttpMethod", "POST", "ResourceId", Map.of("Ref", resource)));
        Map<String, Object> post = TestStacks.properties(method);
        assertThat(post.get("AuthorizationType")).isEqualTo("AWS_IAM");
        String model = TestStacks.logicalId("AWS::ApiGateway::Model", Map.of("Name", "FleetRequest"));
        assertThat(post.get("RequestModels")).isEqualTo(Map.of("application/json", Map.of("Ref", model)));
        assertThat(((Map<?, ?>) TestStacks.properties(model).get("Schema")).get("required")).isEqualTo(List.of("targetRuntime"));
        Map<?, ?> integration = (Map<?, ?>) post.get("Integration");
        assertThat(integration.get("RequestTemplates").toString()).contains("fleet-").contains(TestStacks.fleetStateMachineId());
        String role = TestStacks.roleOf(integration.get("Credentials"));
        assertThat(TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList()).containsExactly(
                Map.of("Action", List.of("states:StartExecution"), "Resource", List.of(Map.of("Ref", TestStacks.fleetStateMachineId()))));
    }
}
