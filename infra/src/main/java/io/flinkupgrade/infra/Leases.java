package io.flinkupgrade.infra;

import io.flinkupgrade.infra.LoggedStateMachine.AslDefinition;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * One upgrade per application: the lease table the workflow writes through Step Functions' direct
 * DynamoDB integration, and the cleanup that releases the lease of an execution that ended while
 * holding it (statemachine/release-lease.asl.json, an Express state machine started by an
 * EventBridge rule on the upgrade state machine's execution status changes). README, "The lease".
 */
final class Leases extends Construct {
    static final String LEASE_TABLE_NAME = "LeaseTableName";
    static final String CLEANUP_STATE_MACHINE_NAME = "flink-upgrade-release-lease";
    /**
     * What the workflow does with its lease: take it, read who holds it, record its progress on it
     * (UpdateItem), write its history record beside it (PutItem), release it.
     */
    static final List<String> UPGRADE_ACTIONS = List.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
    /**
     * The table's global secondary indexes, both sparse (only items with {@code startedAt} and their partition
     * attribute: lease items and history records) and sorted by {@code startedAt}: every upgrade (partition
     * {@code kind}, always "UPGRADE") and each application's upgrades (partition {@code applicationName}).
     * GET /upgrades reads them (api module, UpgradeQueries says why two).
     */
    static final String BY_START = "byStart";
    static final String BY_APPLICATION = "byApplication";
    static final List<String> INDEXES = List.of(BY_START, BY_APPLICATION);
    /** The cleanup only ever deletes. */
    static final List<String> CLEANUP_ACTIONS = List.of("dynamodb:DeleteItem");
    /**
     * What a principal needs on the table's customer managed key to read and write items (the actions
     * CDK's own DynamoDB read and write grants add):
     * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html
     */
    static final List<String> KEY_ACTIONS = List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*");
    /** The execution endings the cleanup looks at; for SUCCEEDED it covers a release that failed (INFERRED: rare, but cheap). */
    static final List<String> ENDED = List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");

    private final Table table;
    private final IKey key;

    Leases(Construct scope, String id, IKey key) {
        super(scope, id);
        this.key = key;
        this.table = Table.Builder.create(this, "Table")
                .partitionKey(Attribute.builder().name("applicationName").type(AttributeType.STRING).build())
                // "LEASE" for the lease, UPGRADE#<StartTime>#<executionName> for each upgrade's history record.
                .sortKey(Attribute.builder().name("record").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key)
                .timeToLiveAttribute("expiresAt")
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(BY_START)
                .partitionKey(Attribute.builder().name("kind").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("startedAt").type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(BY_APPLICATION)
                .partitionKey(Attribute.builder().name("applicationName").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("startedAt").type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build());
    }

    Table table() {
        return table;
    }

    /** The key the table is encrypted with. */
    IKey key() {
        return key;
    }

    /** The upgrade state machine takes, reads and releases leases on this table only. */
    void grantLeaseTo(IGrantable upgrade) {
        // On the table only: Table.grant would add its indexes (table/index/*), which these item writes never touch.
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(upgrade).actions(UPGRADE_ACTIONS)
                .resourceArns(List.of(table.getTableArn())).build());
        key.grant(upgrade, KEY_ACTIONS.toArray(String[]::new));
    }

    /**
     * The cleanup: an Express state machine running {@code releaseLeaseAsl}, started by a rule on the
     * "Step Functions Execution Status Change" events of {@code upgrade} alone.
     */
    StateMachine cleanUpAfter(IStateMachine upgrade, String releaseLeaseAsl, IKey logsKey) {
        StateMachine cleanup = LoggedStateMachine.create(this, "CleanupLogs", "Cleanup", CLEANUP_STATE_MACHINE_NAME,
                StateMachineType.EXPRESS,
                new AslDefinition("release-lease.asl.json", releaseLeaseAsl, Map.of(LEASE_TABLE_NAME, table.getTableName())), logsKey);
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(cleanup).actions(CLEANUP_ACTIONS)
                .resourceArns(List.of(table.getTableArn())).build());
        key.grant(cleanup, KEY_ACTIONS.toArray(String[]::new));
        Rule.Builder.create(this, "CleanupRule")
                .description("flink-upgrade: release the lease of an upgrade execution that ended holding it")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.states"))
                        .detailType(List.of("Step Functions Execution Status Change"))
                        .detail(Map.of("stateMachineArn", List.of(upgrade.getStateMachineArn()), "status", ENDED))
                        .build())
                .targets(List.of(SfnStateMachine.Builder.create(cleanup).build()))
                .build();
        NagFindings.suppressStateMachineRole(cleanup.getRole(), "Reading the table encrypted with the stack's key needs the GenerateDataKey family "
                + "(kms:GenerateDataKey*), granted on that key only");
        return cleanup;
    }
}
