package io.flinkupgrade.infra;

import static io.flinkupgrade.infra.TestStacks.EXACT_ARN;
import static io.flinkupgrade.infra.TestStacks.PATTERN_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.flinkupgrade.wiring.TaskCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The task functions: runtime, SnapStart, alias, logs, tracing, environment and each role's exact grants. */
class TaskFunctionsStackTest {
    private static final Map<String, Object> ALARM_ARN = Map.of("Fn::Join", List.of("", List.of(
            "arn:", Map.of("Ref", "AWS::Partition"), ":cloudwatch:", Map.of("Ref", "AWS::Region"), ":",
            Map.of("Ref", "AWS::AccountId"), ":alarm:*")));

    @Test
    void oneFunctionPerCatalogTask_plusTheReportFunction_andTheApiReadsFunction() {
        TestStacks.template().resourceCountIs("AWS::Lambda::Function", TaskCatalog.values().length + 2);
        TestStacks.template().resourceCountIs("AWS::Lambda::Alias", TaskCatalog.values().length);
    }

    @ParameterizedTest
    @EnumSource(TaskCatalog.class)
    void function_runsJava21OnArmWithSnapStartTracingAndPowertoolsEnvironment(TaskCatalog task) {
        assertThat(TestStacks.properties(TestStacks.functionId(task)))
                .containsEntry("FunctionName", "flink-upgrade-" + task.functionName())
                .containsEntry("Runtime", "java21")
                .containsEntry("Architectures", List.of("arm64"))
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
                .containsEntry("MemorySize", 1024)
                .containsEntry("Timeout", 45)
                .containsEntry("TracingConfig", Map.of("Mode", "Active"))
                .containsEntry("Environment", Map.of("Variables", Map.of(
                        "POWERTOOLS_SERVICE_NAME", "flink-upgrade",
                        "POWERTOOLS_LOG_LEVEL", "INFO",
                        "POWERTOOLS_METRICS_NAMESPACE", "FlinkUpgrade",
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")));
    }

    @ParameterizedTest
    @EnumSource(TaskCatalog.class)
    void function_liveAliasPointsAtAPublishedVersion(TaskCatalog task) {
        String function = TestStacks.functionId(task);
        String version = TestStacks.logicalId("AWS::Lambda::Version", Map.of("FunctionName", Map.of("Ref", function)));
        assertThat(TestStacks.properties(TestStacks.aliasId(task)))
                .containsEntry("Name", "live")
                .containsEntry("FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version")));
    }

    @ParameterizedTest
    @EnumSource(TaskCatalog.class)
    void function_logsToItsOwnEncryptedLogGroupKeptOneMonth(TaskCatalog task) {
        Object logGroupRef = ((Map<?, ?>) TestStacks.properties(TestStacks.functionId(task)).get("LoggingConfig")).get("LogGroup");
        String logGroup = (String) ((Map<?, ?>) logGroupRef).get("Ref");
        assertThat(TestStacks.properties(logGroup))
                .containsEntry("RetentionInDays", 30)
                .containsKey("KmsKeyId");
    }

    @ParameterizedTest
    @EnumSource(TaskCatalog.class)
    void functionRole_allowsExactlyTheCatalogActionsOnTheirNarrowestResources(TaskCatalog task) {
        String function = TestStacks.functionId(task);
        String role = TestStacks.roleOf(TestStacks.properties(function).get("Role"));
        List<Map<String, Object>> expected = new ArrayList<>();
        List<Object> msf = task.iamActions().stream().filter(a -> a.startsWith("kinesisanalytics:"))
                .filter(a -> !a.equals("kinesisanalytics:ListApplications")).map(a -> (Object) a).toList();
        if (!msf.isEmpty()) {
            expected.add(Map.of("Action", msf, "Resource", List.of(EXACT_ARN, PATTERN_ARN)));
        }
        if (task.iamActions().contains("kinesisanalytics:ListApplications")) {
            expected.add(Map.of("Action", List.of("kinesisanalytics:ListApplications"), "Resource", List.of("*")));
        }
        if (task.iamActions().contains("cloudwatch:GetMetricData")) {
            expected.add(Map.of("Action", List.of("cloudwatch:GetMetricData"), "Resource", List.of("*")));
        }
        if (task.iamActions().contains("cloudwatch:DescribeAlarms")) {
            expected.add(Map.of("Action", List.of("cloudwatch:DescribeAlarms"), "Resource", List.of(ALARM_ARN)));
        }
        // The fleet bucket's objects: lists to read under fleet-requests/, wave files to write under fleet-runs/.
        String bucket = TestStacks.template().findResources("AWS::S3::Bucket").keySet().stream()
                .filter(id -> id.startsWith("FleetBucket") && !id.startsWith("FleetBucketAccessLogs")).findFirst().orElseThrow();
        if (task.iamActions().contains("s3:GetObject")) {
            expected.add(Map.of("Action", List.of("s3:GetObject"), "Resource", List.of(Map.of("Fn::Join", List.of("",
                    List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/fleet-requests/*"))))));
        }
        if (task.iamActions().contains("s3:PutObject")) {
            expected.add(Map.of("Action", List.of("s3:PutObject"), "Resource", List.of(Map.of("Fn::Join", List.of("",
                    List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/fleet-runs/*"))))));
        }
        String logGroup = (String) ((Map<?, ?>) ((Map<?, ?>) TestStacks.properties(function).get("LoggingConfig")).get("LogGroup")).get("Ref");
        expected.add(Map.of("Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Resource", List.of(Map.of("Fn::GetAtt", List.of(logGroup, "Arn")))));
        expected.add(Map.of("Action", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), "Resource", List.of("*")));

        assertThat(TestStacks.statementsOfRole(role).stream().map(TestStacks::grant).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(TaskCatalog.class)
    void functionRole_hasNoManagedPoliciesAndTrustsOnlyLambda(TaskCatalog task) {
        String role = TestStacks.roleOf(TestStacks.properties(TestStacks.functionId(task)).get("Role"));
        assertThat(TestStacks.properties(role))
                .doesNotContainKey("ManagedPolicyArns")
                .containsEntry("AssumeRolePolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Action", "sts:AssumeRole", "Effect", "Allow", "Principal", Map.of("Service", "lambda.amazonaws.com")))));
    }
}
