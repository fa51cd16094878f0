package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reports bucket, the report function, the rule that starts it, and what it may do. */
class ReportsStackTest {
    private static String bucket() {
        return TestStacks.template().findResources("AWS::S3::Bucket").entrySet().stream()
                .filter(e -> e.getKey().startsWith("ReportsBucket")).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static String function() {
        return TestStacks.logicalId("AWS::Lambda::Function", Map.of("FunctionName", Reports.FUNCTION_NAME));
    }

    private static Map<String, Object> rule() {
        return TestStacks.properties(TestStacks.logicalId("AWS::Events::Rule", Map.of(
                "Description", "flink-upgrade: write the report of an upgrade execution that ended")));
    }

    @Test
    void bucket_isPrivate_encrypted_tlsOnly_logged_andExpiresReports() {
        Map<String, Object> bucket = TestStacks.properties(bucket());

        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket.get("BucketEncryption")).isEqualTo(Map.of("ServerSideEncryptionConfiguration", List.of(
                Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))));
        assertThat(((Map<?, ?>) bucket.get("LoggingConfiguration")).get("LogFilePrefix")).isEqualTo("reports-bucket/");
        assertThat(bucket.get("LifecycleConfiguration")).isEqualTo(Map.of("Rules", List.of(Map.of("Id", "expire-reports",
                "Prefix", "reports/", "ExpirationInDays", 365, "Status", "Enabled"))));
        assertThat(TestStacks.template().findResources("AWS::S3::Bucket").get(bucket())).containsEntry("DeletionPolicy", "Retain");
        Map<String, Map<String, Object>> policies = TestStacks.template().findResources("AWS::S3::BucketPolicy",
                Map.of("Properties", Map.of("Bucket", Map.of("Ref", bucket()))));
        assertThat(policies.values()).singleElement().asString().contains("aws:SecureTransport", "Deny");
    }

    @Test
    void function_runsTheReportJarsHandler_withTheBucketInItsEnvironment() {
        Map<String, Object> function = TestStacks.properties(function());

        assertThat(function).containsEntry("Handler", "io.flinkupgrade.report.publish.ReportHandler::handleRequest")
                .containsEntry("Runtime", "java21");
        assertThat(((Map<?, ?>) ((Map<?, ?>) function.get("Environment")).get("Variables")).get("REPORT_BUCKET"))
                .isEqualTo(Map.of("Ref", bucket()));
    }

    @Test
    void role_mayReadTheHistoryOfUpgradeExecutionsOnly_andWriteUnderReportsOnly() {
        String role = TestStacks.roleOf(TestStacks.properties(function()).get("Role"));
        List<Map<String, Object>> grants = TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList();

        assertThat(grants).filteredOn(g -> !g.get("Action").toString().contains("logs:")).containsExactly(
                Map.of("Action", List.of("states:GetExecutionHistory"), "Resource", List.of(Map.of("Fn::Join", List.of("", List.of(
                        "arn:", Map.of("Ref", "AWS::Partition"), ":states:", Map.of("Ref", "AWS::Region"), ":",
                        Map.of("Ref", "AWS::AccountId"), ":execution:flink-upgrade:*"))))),
                Map.of("Action", List.of("s3:PutObject"), "Resource", List.of(Map.of("Fn::Join", List.of("", List.of(
                        Map.of("Fn::GetAtt", List.of(bucket(), "Arn")), "/reports/*"))))));
    }

    @Test
    void rule_startsTheFunctionWhenAnUpgradeExecutionEnds_retryingThenDeadLettering() {
        Map<String, Object> rule = rule();

        assertThat(rule.get("EventPattern")).isEqualTo(Map.of(
                "source", List.of("aws.states"),
                "detail-type", List.of("Step Functions Execution Status Change"),
                "detail", Map.of(
                        "stateMachineArn", List.of(Map.of("Ref", TestStacks.upgradeStateMachineId())),
                        "status", List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"))));
        Map<?, ?> target = (Map<?, ?>) ((List<?>) rule.get("Targets")).get(0);
        assertThat(target.get("Arn")).isEqualTo(Map.of("Fn::GetAtt", List.of(function(), "Arn")));
        assertThat(target.get("RetryPolicy")).isEqualTo(Map.of("MaximumRetryAttempts", 3, "MaximumEventAgeInSeconds", 7200));
        assertThat(((Map<?, ?>) target.get("DeadLetterConfig")).get("Arn").toString()).contains("ReportsDeadLetterQueue");
    }

    @Test
    void workflow_knowsTheBucketByItsSubstitution() {
        Map<?, ?> substitutions = (Map<?, ?>) TestStacks.properties(TestStacks.upgradeStateMachineId()).get("DefinitionSubstitutions");

        assertThat(substitutions.get("ReportBucketName")).isEqualTo(Map.of("Ref", bucket()));
    }
}
