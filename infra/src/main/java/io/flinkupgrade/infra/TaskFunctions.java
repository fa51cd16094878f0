package io.flinkupgrade.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import io.flinkupgrade.observe.UpgradeMetric;
import io.flinkupgrade.wiring.TaskCatalog;
import io.flinkupgrade.wiring.TaskJar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/** One Lambda function per catalog task, its code the task's {@link TaskJar}: SnapStart behind a {@code live} alias, with a role allowed exactly the task's actions. */
final class TaskFunctions extends Construct {
    static final String ALIAS = "live";
    static final String FUNCTION_NAME_PREFIX = "flink-upgrade-";
    static final int MEMORY_MB = 1024;
    // Below the 60 s TimeoutSeconds of every Task in the ASL, so Lambda's own timeout is what Step Functions sees.
    static final Duration TIMEOUT = Duration.seconds(45);
    /** The {@code Service} of the tasks' log lines and metrics. */
    static final String SERVICE_NAME = "flink-upgrade";
    static final Map<String, String> ENVIRONMENT = Map.of(
            "POWERTOOLS_SERVICE_NAME", SERVICE_NAME,
            "POWERTOOLS_LOG_LEVEL", "INFO",
            // Where the tasks' EMF metrics go (UpgradeMetrics); the dashboard reads the same namespace.
            "POWERTOOLS_METRICS_NAMESPACE", UpgradeMetric.NAMESPACE,
            // Short-lived task invocations gain more from C1-only compilation than from C2 peak speed.
            "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

    private final Map<TaskCatalog, IAlias> aliases = new EnumMap<>(TaskCatalog.class);

    TaskFunctions(Construct scope, String id, Map<TaskJar, Path> jars, List<String> applicationArns, IBucket fleetBucket, IKey logsKey) {
        super(scope, id);
        Map<TaskJar, Code> code = new EnumMap<>(TaskJar.class);
        String alarmArn = Stack.of(this).formatArn(ArnComponents.builder()
                .service("cloudwatch").resource("alarm").resourceName("*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        for (TaskCatalog task : TaskCatalog.values()) {
            String functionId = task.constructId();
            LogGroup logs = LogGroup.Builder.create(this, functionId + "Logs")
                    .retention(RetentionDays.ONE_MONTH)
                    .encryptionKey(logsKey)
                    .build();
            Role role = Role.Builder.create(this, functionId + "Role")
                    .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                    .description("flink-upgrade " + task.functionName() + " task: exactly the actions its code calls")
                    .build();
            statements(task, applicationArns, alarmArn, fleetBucket).forEach(role::addToPolicy);
            logs.grantWrite(role);
            Function function = Function.Builder.create(this, functionId)
                    .functionName(FUNCTION_NAME_PREFIX + task.functionName())
                    .description("flink-upgrade task " + task.functionName())
                    .runtime(Runtime.JAVA_21)
                    .architecture(Architecture.ARM_64)
                    .code(code.computeIfAbsent(task.jar(), jar -> Code.fromAsset(jars.get(jar).toString())))
                    .handler(task.handler())
                    .memorySize(MEMORY_MB)
                    .timeout(TIMEOUT)
                    .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                    .tracing(Tracing.ACTIVE)
                    .logGroup(logs)
                    .role(role)
                    .environment(ENVIRONMENT)
                    .build();
            // SnapStart applies to published versions only; the alias pins the one built from this code and configuration.
            IAlias alias = Alias.Builder.create(this, functionId + "Alias")
                    .aliasName(ALIAS)
                    .version(function.getCurrentVersion())
                    .build();
            aliases.put(task, alias);
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "The function is invoked only through the live alias of its published currentVersion");
            suppressFindings(function, role, task, applicationArns);
        }
    }

    /** The {@code live} alias of every task, in catalog order. */
    Map<TaskCatalog, IAlias> aliases() {
        return Collections.unmodifiableMap(aliases);
    }

    /** The task's catalog actions, each on the narrowest resource IAM supports for it. */
    static List<PolicyStatement> statements(TaskCatalog task, List<String> applicationArns, String alarmArn, IBucket fleetBucket) {
        List<String> msf = new ArrayList<>();
        List<PolicyStatement> statements = new ArrayList<>();
        for (String action : task.iamActions()) {
            if (action.equals("kinesisanalytics:ListApplications")) {
                // ListApplications names no resource: https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonmanagedserviceforapacheflink.html
                statements.add(PolicyStatement.Builder.create().actions(List.of(action)).resources(List.of("*")).build());
            } else if (action.startsWith("kinesisanalytics:")) {
                msf.add(action);
            } else if (action.equals("cloudwatch:GetMetricData")) {
                statements.add(PolicyStatement.Builder.create().actions(List.of(action)).resources(List.of("*")).build());
            } else if (action.equals("cloudwatch:DescribeAlarms")) {
                statements.add(PolicyStatement.Builder.create().actions(List.of(action)).resources(List.of(alarmArn)).build());
            } else if (action.equals("s3:GetObject")) {
                // A fleet's application list, which the caller puts under fleet-requests/ in the fleet bucket.
                statements.add(PolicyStatement.Builder.create().actions(List.of(action))
                        .resources(List.of(fleetBucket.arnForObjects(FleetBucket.REQUESTS_PREFIX + "*"))).build());
            } else if (action.equals("s3:PutObject")) {
                // The wave files, under fleet-runs/ in the fleet bucket.
                statements.add(PolicyStatement.Builder.create().actions(List.of(action))
                        .resources(List.of(fleetBucket.arnForObjects(FleetBucket.RUNS_PREFIX + "*"))).build());
            } else {
                throw new IllegalStateException("TaskCatalog." + task + " names " + action
                        + ", for which the stack knows no resource scope; add one in TaskFunctions.statements");
            }
        }
        if (!msf.isEmpty()) {
            statements.add(0, PolicyStatement.Builder.create().actions(msf).resources(applicationArns).build());
        }
        return statements;
    }

    private static void suppressFindings(Function function, Role role, TaskCatalog task, List<String> applicationArns) {
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-L1")
                .reason("java21 is the runtime docs/architecture.md pins (Lambda tasks) for the task jar (built with --release 17, verified with SnapStart "
                        + "and CRaC priming on java21); moving to java25 is a deliberate upgrade, not a drive-by")
                .build()));
        List<NagPackSuppression> iam = new ArrayList<>();
        boolean metricData = task.iamActions().contains("cloudwatch:GetMetricData");
        boolean listApplications = task.iamActions().contains("kinesisanalytics:ListApplications");
        iam.add(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(metricData
                        ? "cloudwatch:GetMetricData and the X-Ray trace upload actions CDK adds for active tracing "
                                + "(xray:PutTraceSegments, xray:PutTelemetryRecords) support no resource-level permissions"
                        : listApplications
                        ? "kinesisanalytics:ListApplications (the fleet selector lists the account's applications) and the X-Ray trace upload "
                                + "actions CDK adds for active tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) support no "
                                + "resource-level permissions"
                        : "The X-Ray trace upload actions CDK adds for active tracing (xray:PutTraceSegments, "
                                + "xray:PutTelemetryRecords) support no resource-level permissions")
                .appliesTo(List.of("Resource::*"))
                .build());
        if (task.iamActions().contains("cloudwatch:DescribeAlarms")) {
            iam.add(NagPackSuppression.builder()
                    .id("AwsSolutions-IAM5")
                    .reason("The health check reads the alarms each upgrade request names at run time (health.alarmNames), "
                            + "so DescribeAlarms is scoped to the alarms of this account and region, not to fixed names")
                    .appliesTo(List.of(NagFindings.resource(Stack.of(role), "cloudwatch", "alarm:*")))
                    .build());
        }
        if (task.iamActions().stream().anyMatch(action -> action.startsWith("s3:"))) {
            iam.add(NagPackSuppression.builder()
                    .id("AwsSolutions-IAM5")
                    .reason("PlanFleet reads the application lists callers put under fleet-requests/ and writes each fleet execution's "
                            + "wave files under fleet-runs/ in the fleet bucket; their keys are named at run time")
                    // The bucket's ARN is a reference to its generated logical ID.
                    .appliesTo(List.of(RegexAppliesTo.builder()
                            .regex("/^Resource::<FleetBucket[A-Za-z0-9]+\\.Arn>\\/fleet-(requests|runs)\\/\\*$/").build()))
                    .build());
        }
        List<String> patterns = applicationArns.stream().filter(arn -> arn.contains("*")).map(arn -> "Resource::" + arn).toList();
        if (!patterns.isEmpty() && task.iamActions().stream().anyMatch(action -> action.startsWith("kinesisanalytics:"))) {
            iam.add(NagPackSuppression.builder()
                    .id("AwsSolutions-IAM5")
                    .reason("The deployer configured these application name patterns (context key applicationArns) "
                            + "as the applications this workflow may upgrade")
                    .appliesTo(patterns)
                    .build());
        }
        NagSuppressions.addResourceSuppressions(role, iam, true);
    }
}
