package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** The outcome topic and bus, the execution alarms and the stack outputs. */
class NotificationsStackTest {
    private static String topic() {
        return TestStacks.template().findResources("AWS::SNS::Topic").keySet().iterator().next();
    }

    @Test
    void topic_isEncryptedWithACustomerManagedKeyThatRotates() {
        Map<?, ?> keyRef = (Map<?, ?>) TestStacks.properties(topic()).get("KmsMasterKeyId");
        String key = (String) ((List<?>) keyRef.get("Fn::GetAtt")).get(0);
        assertThat(TestStacks.properties(key)).containsEntry("EnableKeyRotation", true);
    }

    @Test
    void topic_deniesPublishingWithoutSsl() {
        TestStacks.template().hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(Map.of("Ref", topic())),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Action", "sns:Publish",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
    }

    @Test
    void topic_mailsTheConfiguredAddress() {
        TestStacks.template().hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", "flink-oncall@example.com", "TopicArn", Map.of("Ref", topic())));
    }

    /** The ARN of each CloudWatch alarm of the stack, as the template spells it: arn:${AWS::Partition}:cloudwatch:...:alarm:NAME. */
    private static List<String> alarmArnsOfTheStack() {
        return TestStacks.template().findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(alarm -> "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:"
                        + ((Map<?, ?>) alarm.get("Properties")).get("AlarmName"))
                .sorted()
                .toList();
    }

    /** The statement that allows cloudwatch.amazonaws.com, with its conditions' ARNs rendered as the test spells them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> cloudWatchStatement(List<Map<String, Object>> statements) {
        List<Map<String, Object>> allowed = statements.stream()
                .filter(st -> "Allow".equals(st.get("Effect")))
                .filter(st -> Map.of("Service", "cloudwatch.amazonaws.com").equals(st.get("Principal")))
                .toList();
        assertThat(allowed).as("statements allowing cloudwatch.amazonaws.com").hasSize(1);
        return allowed.get(0);
    }

    @SuppressWarnings("unchecked")
    private static void scopedToTheStacksAlarms(Map<String, Object> statement) {
        Map<String, Object> condition = (Map<String, Object>) statement.get("Condition");
        assertThat(condition).containsOnlyKeys("StringEquals", "ArnLike");
        assertThat((Map<String, Object>) condition.get("StringEquals")).isEqualTo(Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")));
        List<String> arns = TestStacks.asList(((Map<String, Object>) condition.get("ArnLike")).get("aws:SourceArn")).stream()
                .map(NotificationsStackTest::render).sorted().toList();
        assertThat(arns).as("aws:SourceArn").isEqualTo(alarmArnsOfTheStack()).hasSize(3);
    }

    /** A Fn::Join of strings and pseudo-parameter Refs as one string with ${...} placeholders. */
    @SuppressWarnings("unchecked")
    private static String render(Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> token = (Map<String, Object>) value;
        if (token.containsKey("Ref")) {
            return "${" + token.get("Ref") + "}";
        }
        List<Object> join = (List<Object>) token.get("Fn::Join");
        return ((List<Object>) join.get(1)).stream().map(NotificationsStackTest::render)
                .collect(java.util.stream.Collectors.joining((String) join.get(0)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void topicPolicy_letsOnlyTheStacksAlarmsPublish() {
        Map<String, Map<String, Object>> policies = TestStacks.template().findResources("AWS::SNS::TopicPolicy");
        assertThat(policies).hasSize(1);
        Map<String, Object> properties = (Map<String, Object>) policies.values().iterator().next().get("Properties");
        assertThat(properties.get("Topics")).isEqualTo(List.of(Map.of("Ref", topic())));
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) properties.get("PolicyDocument")).get("Statement");

        Map<String, Object> publish = cloudWatchStatement(statements);

        assertThat(publish.get("Action")).isEqualTo("sns:Publish");
        assertThat(publish.get("Resource")).isEqualTo(Map.of("Ref", topic()));
        scopedToTheStacksAlarms(publish);
    }

    @Test
    @SuppressWarnings("unchecked")
    void topicKey_letsOnlyTheStacksAlarmsEncryptTheirMessages() {
        Map<?, ?> keyRef = (Map<?, ?>) TestStacks.properties(topic()).get("KmsMasterKeyId");
        String key = (String) ((List<?>) keyRef.get("Fn::GetAtt")).get(0);
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) TestStacks.properties(key).get("KeyPolicy"))
                .get("Statement");

        Map<String, Object> encrypt = cloudWatchStatement(statements);

        assertThat(encrypt.get("Action")).isEqualTo(List.of("kms:Decrypt", "kms:GenerateDataKey*"));
        assertThat(encrypt.get("Resource")).isEqualTo("*");
        scopedToTheStacksAlarms(encrypt);
    }

    @Test
    void eventBus_isDedicatedAndNamed() {
        TestStacks.template().resourceCountIs("AWS::Events::EventBus", 1);
        TestStacks.template().hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "flink-upgrade"));
    }

    @Test
    void alarms_onFailedTimedOutAndAbortedExecutions_notifyTheTopic() {
        TestStacks.template().resourceCountIs("AWS::CloudWatch::Alarm", 3);
        String stateMachine = TestStacks.upgradeStateMachineId();
        for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted")) {
            TestStacks.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "AlarmName", "flink-upgrade-" + metric,
                    "Namespace", "AWS/States",
                    "MetricName", metric,
                    "Dimensions", List.of(Map.of("Name", "StateMachineArn", "Value", Map.of("Ref", stateMachine))),
                    "Statistic", "Sum",
                    "Period", 300,
                    "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "TreatMissingData", "notBreaching",
                    "AlarmActions", List.of(Map.of("Ref", topic()))));
        }
    }

    @Test
    void outputs_nameTheStateMachinesFleetBucketTopicBusLeaseTableDashboardAndApi() {
        // CDK adds the stage's root URL as ApiEndpoint<hash>; ApiUrl is the /upgrades resource users call.
        assertThat(TestStacks.template().findOutputs("*").keySet())
                .contains("StateMachineArn", "FleetStateMachineArn", "FleetBucketName", "NotificationTopicArn", "EventBusName", "LeaseTableName",
                        "DashboardUrl", "ReportBucketName", "ApiUrl")
                .hasSize(10)
                .anyMatch(output -> output.startsWith("ApiEndpoint"));
    }
}
