package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The state machine: the ASL file inlined, placeholders resolved to the catalog's functions, logging, tracing, role. */
class UpgradeWorkflowStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String stateMachine;
    private static Map<String, Object> properties;
    private static String asl;

    @BeforeAll
    static void findStateMachine() throws IOException {
        // The upgrade, the lease cleanup and the fleet.
        TestStacks.template().resourceCountIs("AWS::StepFunctions::StateMachine", 3);
        stateMachine = TestStacks.upgradeStateMachineId();
        properties = TestStacks.properties(stateMachine);
        asl = Files.readString(TestStacks.layout().asl());
    }

    /** What each placeholder must resolve to: the task's live alias, the topic, the bus. */
    private static Map<String, Object> expectedSubstitutions() {
        Map<String, Object> expected = new LinkedHashMap<>();
        for (TaskCatalog task : Workflow.UPGRADE.tasks()) {
            expected.put(task.substitutionKey(), Map.of("Ref", TestStacks.aliasId(task)));
        }
        expected.put("NotificationTopicArn", Map.of("Ref", onlyResource("AWS::SNS::Topic")));
        expected.put("EventBusName", Map.of("Ref", onlyResource("AWS::Events::EventBus")));
        expected.put("LeaseTableName", Map.of("Ref", onlyResource("AWS::DynamoDB::Table")));
        expected.put("ReportBucketName", Map.of("Ref", TestStacks.template().findResources("AWS::S3::Bucket").keySet().stream()
                .filter(id -> id.startsWith("ReportsBucket")).findFirst().orElseThrow()));
        return expected;
    }

    /** The key the lease table is encrypted with. */
    static String tableKey() {
        Map<?, ?> sse = (Map<?, ?>) TestStacks.properties(onlyResource("AWS::DynamoDB::Table")).get("SSESpecification");
        return (String) ((List<?>) ((Map<?, ?>) sse.get("KMSMasterKeyId")).get("Fn::GetAtt")).get(0);
    }

    static String onlyResource(String type) {
        Set<String> ids = TestStacks.template().findResources(type).keySet();
        assertThat(ids).hasSize(1);
        return ids.iterator().next();
    }

    @Test
    void aslPlaceholders_areExactlyTheCatalogKeysPlusTheIntegrationKeys() {
        Set<String> expected = new TreeSet<>(TaskCatalog.INTEGRATION_SUBSTITUTIONS);
        for (TaskCatalog task : Workflow.UPGRADE.tasks()) {
            expected.add(task.substitutionKey());
        }
        assertThat(LoggedStateMachine.placeholders(asl)).isEqualTo(expected);
    }

    @Test
    void substitutions_resolveToTheFunctionAliasesTopicBusLeaseTableAndReportsBucket() {
        assertThat(properties.get("DefinitionSubstitutions")).isEqualTo(expectedSubstitutions());
    }

    @Test
    void definition_equalsTheAslFileAfterSubstitution() throws IOException {
        Object definition = properties.get("DefinitionString");
        assertThat(definition).as("the definition is inline text, not an S3 asset or a token").isInstanceOf(String.class);
        Map<String, Object> substitutions = expectedSubstitutions();
        String deployed = resolve((String) definition, substitutions);
        String file = resolve(asl, substitutions);
        assertThat(JSON.readTree(deployed)).isEqualTo(JSON.readTree(file));
        assertThat(deployed).doesNotContain("${");
        // asl-validator (infra/scripts/validate-asl.sh) checks this copy, whose Task resources are well-formed ARNs.
        Path resolved = TestStacks.root().resolve("infra/target/upgrade-application.resolved.asl.json");
        Files.createDirectories(resolved.getParent());
        Files.writeString(resolved, file);
    }

    /** Replaces each placeholder with a well-formed ARN naming the resource CloudFormation will put there. */
    private static String resolve(String definition, Map<String, Object> substitutions) {
        String resolved = definition;
        for (Map.Entry<String, Object> entry : substitutions.entrySet()) {
            String logicalId = (String) ((Map<?, ?>) entry.getValue()).get("Ref");
            String value = switch (entry.getKey()) {
                case "NotificationTopicArn" -> "arn:aws:sns:eu-west-1:123456789012:" + logicalId;
                case "EventBusName", "LeaseTableName" -> logicalId;
                case "ReportBucketName" -> logicalId.toLowerCase(java.util.Locale.ROOT);
                default -> "arn:aws:lambda:eu-west-1:123456789012:function:" + logicalId + ":live";
            };
            resolved = resolved.replace("${" + entry.getKey() + "}", value);
        }
        return resolved;
    }

    @Test
    void stateMachine_isStandardNamedAndTraced() {
        assertThat(properties)
                .containsEntry("StateMachineName", "flink-upgrade")
                .containsEntry("StateMachineType", "STANDARD")
                .containsEntry("TracingConfiguration", Map.of("Enabled", true));
    }

    @Test
    void stateMachine_logsEverythingWithExecutionDataToAnEncryptedLogGroup() {
        Map<?, ?> logging = (Map<?, ?>) properties.get("LoggingConfiguration");
        assertThat(logging.get("Level")).isEqualTo("ALL");
        assertThat(logging.get("IncludeExecutionData")).isEqualTo(true);
        Map<?, ?> destination = (Map<?, ?>) ((Map<?, ?>) ((List<?>) logging.get("Destinations")).get(0)).get("CloudWatchLogsLogGroup");
        String logGroup = (String) ((List<?>) ((Map<?, ?>) destination.get("LogGroupArn")).get("Fn::GetAtt")).get(0);
        assertThat(TestStacks.properties(logGroup))
                .containsEntry("LogGroupName", "/aws/vendedlogs/states/flink-upgrade")
                .containsEntry("RetentionInDays", 90)
                .containsKey("KmsKeyId");
    }

    @Test
    void stateMachineRole_mayInvokeOnlyItsAliasesPublishOnlyToItsTopicPutEventsOnlyOnItsBusAndUseOnlyItsLease() {
        String role = TestStacks.roleOf(properties.get("RoleArn"));
        List<Map<String, Object>> grants = TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList();

        List<Object> invoked = new ArrayList<>();
        grants.stream().filter(g -> ((List<?>) g.get("Action")).contains("lambda:InvokeFunction")).forEach(g -> {
            assertThat(g.get("Action")).isEqualTo(List.of("lambda:InvokeFunction"));
            invoked.addAll((List<?>) g.get("Resource"));
        });
        List<Object> aliases = new ArrayList<>();
        for (TaskCatalog task : Workflow.UPGRADE.tasks()) {
            aliases.add(Map.of("Ref", TestStacks.aliasId(task)));
        }
        assertThat(invoked).containsExactlyInAnyOrderElementsOf(aliases);

        String topic = onlyResource("AWS::SNS::Topic");
        String bus = onlyResource("AWS::Events::EventBus");
        String topicKey = (String) ((List<?>) ((Map<?, ?>) TestStacks.properties(topic).get("KmsMasterKeyId")).get("Fn::GetAtt")).get(0);
        assertThat(grants).contains(
                Map.of("Action", List.of("sns:Publish"), "Resource", List.of(Map.of("Ref", topic))),
                Map.of("Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        "Resource", List.of(Map.of("Fn::GetAtt", List.of(topicKey, "Arn")))),
                Map.of("Action", List.of("events:PutEvents"), "Resource", List.of(Map.of("Fn::GetAtt", List.of(bus, "Arn")))),
                Map.of("Action", Leases.UPGRADE_ACTIONS,
                        "Resource", List.of(Map.of("Fn::GetAtt", List.of(onlyResource("AWS::DynamoDB::Table"), "Arn")))),
                Map.of("Action", Leases.KEY_ACTIONS, "Resource", List.of(Map.of("Fn::GetAtt", List.of(tableKey(), "Arn")))));
        // Everything else is what CDK adds for logging and tracing, which IAM only grants on "*".
        List<Object> otherActions = grants.stream()
                .filter(g -> !((List<?>) g.get("Resource")).equals(List.of("*")))
                .flatMap(g -> ((List<?>) g.get("Action")).stream())
                .filter(a -> !Set.of("lambda:InvokeFunction", "sns:Publish", "kms:Decrypt", "kms:GenerateDataKey*", "events:PutEvents",
                        "dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "kms:DescribeKey", "kms:Encrypt").contains(a))
                .map(a -> (Object) a).toList();
        assertThat(otherActions).isEmpty();
        List<Object> starActions = grants.stream()
                .filter(g -> ((List<?>) g.get("Resource")).equals(List.of("*")))
                .flatMap(g -> ((List<?>) g.get("Action")).stream()).map(a -> (Object) a).toList();
        assertThat(starActions).allSatisfy(action -> assertThat((String) action).matches("^(logs|xray):[A-Za-z]+$"));
    }
}
