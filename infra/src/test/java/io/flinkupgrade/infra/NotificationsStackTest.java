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

    @Test
    void topicKey_letsCloudWatchAlarmsEncryptTheirMessages() {
        TestStacks.template().hasResourceProperties("AWS::KMS::Key", Map.of(
                "KeyPolicy", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        "Resource", "*")))))));
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
    void outputs_nameTheStateMachineTopicBusLeaseTableAndApi() {
        // CDK adds the stage's root URL as ApiEndpoint<hash>; ApiUrl is the /upgrades resource users call.
        assertThat(TestStacks.template().findOutputs("*").keySet())
                .contains("StateMachineArn", "NotificationTopicArn", "EventBusName", "LeaseTableName", "ApiUrl")
                .hasSize(6)
                .anyMatch(output -> output.startsWith("ApiEndpoint"));
    }
}
