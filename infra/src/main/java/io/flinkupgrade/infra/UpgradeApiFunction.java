package io.flinkupgrade.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * The read routes' Lambda (the {@code api} module's jar): lists upgrades from the lease table's two
 * indexes and describes an execution with the progress on its lease. Its role reads exactly that: Query
 * on the two indexes, GetItem on the table (the lease item), Decrypt with the table's key, and
 * DescribeExecution on this state machine's executions.
 */
final class UpgradeApiFunction extends Construct {
    static final String FUNCTION_NAME = TaskFunctions.FUNCTION_NAME_PREFIX + "api";
    static final String HANDLER = "io.flinkupgrade.api.UpgradeApiHandler::handleRequest";
    /** What reading the table encrypted with a customer managed key needs: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html */
    static final List<String> KEY_ACTIONS = List.of("kms:Decrypt", "kms:DescribeKey");

    private final Function function;

    UpgradeApiFunction(Construct scope, String id, Path jar, Leases leases, IStateMachine upgrade, String executionArnPrefix, IKey logsKey) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .encryptionKey(logsKey)
                .build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("flink-upgrade API reads: Query the lease table's indexes, read a lease, describe an upgrade execution")
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:Query"))
                .resources(Leases.INDEXES.stream().map(index -> leases.table().getTableArn() + "/index/" + index).toList())
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem"))
                .resources(List.of(leases.table().getTableArn()))
                .build());
        leases.key().grant(role, KEY_ACTIONS.toArray(String[]::new));
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("states:DescribeExecution"))
                .resources(List.of(executionArnPrefix + ":*"))
                .build());
        logs.grantWrite(role);
        function = Function.Builder.create(this, "Function")
                .functionName(FUNCTION_NAME)
                .description("flink-upgrade API: GET /upgrades and GET /upgrades/{id}")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(jar.toString()))
                .handler(HANDLER)
                .memorySize(TaskFunctions.MEMORY_MB)
                .timeout(Duration.seconds(20))
                .tracing(Tracing.ACTIVE)
                .logGroup(logs)
                .role(role)
                .environment(Map.of(
                        "LEASE_TABLE_NAME", leases.table().getTableName(),
                        "STATE_MACHINE_ARN", upgrade.getStateMachineArn(),
                        "POWERTOOLS_SERVICE_NAME", TaskFunctions.SERVICE_NAME,
                        "POWERTOOLS_LOG_LEVEL", "INFO"))
                .build();
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-L1")
                .reason("java21, as the task functions (docs/architecture.md pins it); moving to java25 is a deliberate upgrade")
                .build()));
        NagSuppressions.addResourceSuppressions(role, List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("GET /upgrades/{id} reads any execution of this one state machine; execution names are only known at run time")
                        .appliesTo(List.of(NagFindings.resource(Stack.of(this), "states",
                                "execution:" + UpgradeWorkflow.STATE_MACHINE_NAME + ":*")))
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("The X-Ray trace upload actions CDK adds for active tracing (xray:PutTraceSegments, "
                                + "xray:PutTelemetryRecords) support no resource-level permissions")
                        .appliesTo(List.of("Resource::*"))
                        .build()), true);
    }

    Function function() {
        return function;
    }
}
