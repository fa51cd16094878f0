package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lease table, its cleanup state machine and the rule that starts it, and what each may do. */
class LeasesStackTest {
    private static String table() {
        return UpgradeWorkflowStackTest.onlyResource("AWS::DynamoDB::Table");
    }

    private static String cleanup() {
        return TestStacks.logicalId("AWS::StepFunctions::StateMachine", Map.of("StateMachineName", Leases.CLEANUP_STATE_MACHINE_NAME));
    }

    @Test
    void table_isKeyedByApplicationAndRecord_onDemand_recoverable_encryptedWithTheStackKey_expiringOnExpiresAt() {
        Map<String, Object> table = TestStacks.properties(table());
        assertThat(table.get("KeySchema")).isEqualTo(List.of(
                Map.of("AttributeName", "applicationName", "KeyType", "HASH"),
                Map.of("AttributeName", "record", "KeyType", "RANGE")));
        assertThat(table).containsEntry("BillingMode", "PAY_PER_REQUEST")
                .containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true));
        assertThat(table.get("PointInTimeRecoverySpecification")).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        Map<?, ?> sse = (Map<?, ?>) table.get("SSESpecification");
        assertThat(sse.get("SSEEnabled")).isEqualTo(true);
        assertThat(sse.get("SSEType")).isEqualTo("KMS");
        assertThat(UpgradeWorkflowStackTest.tableKey()).as("the stack's one customer managed key for logs and the table")
                .isEqualTo(TestStacks.logicalId("AWS::KMS::Key", Map.of(
                        "Description", "flink-upgrade: encrypts the workflow, task and API log groups and the lease table")));
    }

    /** GET /upgrades reads two sparse indexes sorted by start time: all upgrades, and each application's. */
    @Test
    void table_hasTheTwoListingIndexes_byStartTime_projectingEveryAttribute() {
        assertThat(TestStacks.properties(table()).get("GlobalSecondaryIndexes")).isEqualTo(List.of(
                Map.of("IndexName", "byStart", "Projection", Map.of("ProjectionType", "ALL"), "KeySchema", List.of(
                        Map.of("AttributeName", "kind", "KeyType", "HASH"), Map.of("AttributeName", "startedAt", "KeyType", "RANGE"))),
                Map.of("IndexName", "byApplication", "Projection", Map.of("ProjectionType", "ALL"), "KeySchema", List.of(
                        Map.of("AttributeName", "applicationName", "KeyType", "HASH"), Map.of("AttributeName", "startedAt", "KeyType", "RANGE")))));
    }

    @Test
    void table_isRetainedWhenTheStackIsDeleted() {
        Map<String, Map<String, Object>> found = TestStacks.template().findResources("AWS::DynamoDB::Table");
        assertThat(found.get(table())).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
    }

    @Test
    void cleanup_isAnExpressStateMachineRunningReleaseLeaseAslOnThisTable_loggedAndTraced() throws IOException {
        Map<String, Object> cleanup = TestStacks.properties(cleanup());
        assertThat(cleanup).containsEntry("StateMachineType", "EXPRESS").containsEntry("TracingConfiguration", Map.of("Enabled", true));
        assertThat(cleanup.get("DefinitionSubstitutions")).isEqualTo(Map.of("LeaseTableName", Map.of("Ref", table())));
        assertThat(cleanup.get("DefinitionString")).isEqualTo(Files.readString(TestStacks.layout().releaseLeaseAsl()));
        assertThat(((Map<?, ?>) cleanup.get("LoggingConfiguration")).get("Level")).isEqualTo("ALL");
    }

    @Test
    void cleanupRole_mayOnlyDeleteItemsOfThisTable() {
        String role = TestStacks.roleOf(TestStacks.properties(cleanup()).get("RoleArn"));
        List<Map<String, Object>> grants = TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList();
        List<Object> dynamoDbActions = grants.stream().flatMap(g -> ((List<?>) g.get("Action")).stream())
                .filter(a -> ((String) a).startsWith("dynamodb:")).map(a -> (Object) a).toList();
        assertThat(dynamoDbActions).containsExactly("dynamodb:DeleteItem");
        assertThat(grants).contains(
                Map.of("Action", List.of("dynamodb:DeleteItem"), "Resource", List.of(Map.of("Fn::GetAtt", List.of(table(), "Arn")))),
                Map.of("Action", Leases.KEY_ACTIONS,
                        "Resource", List.of(Map.of("Fn::GetAtt", List.of(UpgradeWorkflowStackTest.tableKey(), "Arn")))));
        assertThat(grants.stream().filter(g -> ((List<?>) g.get("Resource")).equals(List.of("*")))
                .flatMap(g -> ((List<?>) g.get("Action")).stream()))
                .allSatisfy(action -> assertThat((String) action).matches("^(logs|xray):[A-Za-z]+$"));
    }

    @Test
    void rule_startsTheCleanupWhenAnExecutionOfTheUpgradeStateMachineEnds() {
        Map<String, Object> rule = TestStacks.properties(TestStacks.logicalId("AWS::Events::Rule", Map.of(
                "Description", "flink-upgrade: release the lease of an upgrade execution that ended holding it")));
        assertThat(rule.get("EventPattern")).isEqualTo(Map.of(
                "source", List.of("aws.states"),
                "detail-type", List.of("Step Functions Execution Status Change"),
                "detail", Map.of(
                        "stateMachineArn", List.of(Map.of("Ref", TestStacks.upgradeStateMachineId())),
                        "status", List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"))));
        Map<?, ?> target = (Map<?, ?>) ((List<?>) rule.get("Targets")).get(0);
        assertThat(target.get("Arn")).isEqualTo(Map.of("Ref", cleanup()));
    }
}
