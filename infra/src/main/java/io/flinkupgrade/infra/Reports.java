package io.flinkupgrade.infra;

import io.flinkupgrade.report.publish.ReportHandler;
import io.flinkupgrade.report.publish.ReportLocation;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The upgrade reports (issue 14): a private, encrypted bucket, and the report Lambda (the report
 * module's own jar, so the charting library stays out of the task functions) started by a rule on the
 * upgrade state machine's "Execution Status Change" events, which writes
 * {@code reports/<execution name>.html} there. The outcome names that location before it exists.
 * https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-integration.html
 */
final class Reports extends Construct {
    static final String FUNCTION_NAME = TaskFunctions.FUNCTION_NAME_PREFIX + "report";
    static final String HANDLER = ReportHandler.class.getName() + "::handleRequest";
    /** Drawing the charts is the work: more memory is more CPU. INFERRED: a few seconds at most for a long upgrade. */
    static final int MEMORY_MB = 1024;
    static final Duration TIMEOUT = Duration.minutes(1);
    /** Reports are kept a year, then expire (access logs: {@link PrivateBuckets#ACCESS_LOG_RETENTION}). */
    static final Duration REPORT_RETENTION = Duration.days(365);
    /** EventBridge retries a failed delivery this often, for at most this long, then sends it to the dead-letter queue. */
    static final int RETRY_ATTEMPTS = 3;
    static final Duration MAX_EVENT_AGE = Duration.hours(2);
    /** What the function does: read an execution's history, write one object under reports/. */
    static final List<String> ACTIONS = List.of("states:GetExecutionHistory", "s3:PutObject");

    private final Bucket bucket;
    private final Path jar;
    private final IKey logsKey;

    Reports(Construct scope, String id, Path jar, IKey logsKey) {
        super(scope, id);
        this.jar = jar;
        this.logsKey = logsKey;
        this.bucket = PrivateBuckets.create(this, "reports bucket", List.of(
                LifecycleRule.builder().id("expire-reports").prefix(ReportLocation.PREFIX).expiration(REPORT_RETENTION).build()));
    }

    Bucket bucket() {
        return bucket;
    }

    /** The report function and the rule that starts it when an execution of {@code upgrade} ends. */
    Function writeAfter(IStateMachine upgrade, String upgradeStateMachineName) {
        LogGroup logs = LogGroup.Builder.create(this, "FunctionLogs")
                .retention(RetentionDays.ONE_MONTH)
                .encryptionKey(logsKey)
                .build();
        Role role = Role.Builder.create(this, "FunctionRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("flink-upgrade report: read an upgrade execution's history, write its report under reports/")
                .build();
        String executions = Stack.of(this).formatArn(ArnComponents.builder().service("states").resource("execution")
                .resourceName(upgradeStateMachineName + ":*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        // GetExecutionHistory is authorised on the execution ARN:
        // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("states:GetExecutionHistory")).resources(List.of(executions)).build());
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("s3:PutObject"))
                .resources(List.of(bucket.arnForObjects(ReportLocation.PREFIX + "*"))).build());
        logs.grantWrite(role);
        Function function = Function.Builder.create(this, "Function")
                .functionName(FUNCTION_NAME)
                .description("flink-upgrade: the upgrade report of each ended execution, written to the reports bucket")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(jar.toString()))
                .handler(HANDLER)
                .memorySize(MEMORY_MB)
                .timeout(TIMEOUT)
                .logGroup(logs)
                .role(role)
                // The charts are drawn off screen: no display in Lambda.
                .environment(Map.of(ReportHandler.BUCKET_VARIABLE, bucket.getBucketName(), "JAVA_TOOL_OPTIONS", "-Djava.awt.headless=true"))
                .build();
        Queue deadLetters = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Rule.Builder.create(this, "Rule")
                .description("flink-upgrade: write the report of an upgrade execution that ended")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.states"))
                        .detailType(List.of("Step Functions Execution Status Change"))
                        .detail(Map.of("stateMachineArn", List.of(upgrade.getStateMachineArn()), "status", Leases.ENDED))
                        .build())
                .targets(List.of(LambdaFunction.Builder.create(function)
                        .deadLetterQueue(deadLetters)
                        .retryAttempts(RETRY_ATTEMPTS)
                        .maxEventAge(MAX_EVENT_AGE)
                        .build()))
                .build();
        NagSuppressions.addResourceSuppressions(deadLetters, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is itself the dead-letter queue of the report rule's target; "
                        + "cdk-nag only recognises dead-letter queues named in another queue's RedrivePolicy")
                .build()));
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-L1")
                .reason("java21, as the task functions: the report jar is built with --release 17 like them")
                .build()));
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Each execution's history (any execution of the upgrade state machine, named at run time) and each report's "
                        + "object (any key under reports/, named by the execution) are not known when deploying")
                .appliesTo(List.of(NagFindings.resource(Stack.of(this), "states", "execution:" + upgradeStateMachineName + ":*"),
                        // The bucket's ARN is a reference to its generated logical ID.
                        RegexAppliesTo.builder().regex("/^Resource::<ReportsBucket[A-Za-z0-9]+\\.Arn>\\/reports\\/\\*$/").build()))
                .build()), true);
        return function;
    }
}
