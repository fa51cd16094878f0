package io.flinkupgrade.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkupgrade.wiring.TaskCatalog;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/** The stack the infra tests share: synthesis takes seconds, so it happens once per test JVM. */
final class TestStacks {
    static final String EXACT_ARN = "arn:aws:kinesisanalytics:eu-west-1:123456789012:application/orders-enricher";
    static final String PATTERN_ARN = "arn:aws:kinesisanalytics:eu-west-1:123456789012:application/payments-*";
    static final String OUTDIR = "infra/target/cdk.out";

    /** Context as a deployer would write it in a context file, with every feature switched on. */
    static final String CONTEXT = """
            {
              "applicationArns": ["%s", "%s"],
              "notificationEmail": "flink-oncall@example.com",
              "apiEnabled": true,
              "schedules": [
                {
                  "name": "orders-enricher-sunday",
                  "expression": "cron(0 3 ? * SUN *)",
                  "timezone": "Europe/London",
                  "flexibleWindowMinutes": 30,
                  "input": {
                    "applicationName": "orders-enricher",
                    "targetRuntime": "FLINK-1_20",
                    "code": { "bucketArn": "arn:aws:s3:::flink-artifacts-123456789012", "fileKey": "orders-enricher/app-1.20.jar" }
                  }
                },
                {
                  "name": "payments-once",
                  "expression": "at(2027-01-10T02:00:00)",
                  "input": {
                    "applicationName": "payments-ledger",
                    "targetRuntime": "FLINK-2_2",
                    "code": { "bucketArn": "arn:aws:s3:::flink-artifacts-123456789012", "fileKey": "payments/ledger-2.2.jar" },
                    "dryRun": true
                  }
                },
                {
                  "name": "payments-fleet",
                  "workflow": "fleet",
                  "expression": "cron(0 2 ? * SAT *)",
                  "input": {
                    "targetRuntime": "FLINK-1_20",
                    "selector": {
                      "tags": { "team": "payments" },
                      "code": { "bucketArn": "arn:aws:s3:::flink-artifacts-123456789012", "fileKey": "{applicationName}/app-1.20.jar" }
                    }
                  }
                }
              ]
            }
            """.formatted(EXACT_ARN, PATTERN_ARN);

    private static Synthesised shared;

    private TestStacks() {
    }

    record Synthesised(App app, UpgradeStack stack, Template template) {
    }

    /** The stack built like InfraApp builds it (nag checks added before synthesis), synthesised to infra/target/cdk.out. */
    static synchronized Synthesised shared() {
        if (shared == null) {
            App app = App.Builder.create().outdir(layout().root().resolve(OUTDIR).toString()).context(context()).build();
            UpgradeStackConfig config = UpgradeStackConfig.fromContext(app.getNode()::tryGetContext);
            UpgradeStack stack = new UpgradeStack(app, InfraApp.STACK_NAME, StackProps.builder().build(), config, layout());
            Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
            shared = new Synthesised(app, stack, Template.fromStack(stack));
        }
        return shared;
    }

    static Template template() {
        return shared().template();
    }

    static RepositoryLayout layout() {
        return RepositoryLayout.locate();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> context() {
        try {
            return new ObjectMapper().readValue(CONTEXT, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path root() {
        return layout().root();
    }

    /** The logical id of the only resource of this type with these properties. */
    static String logicalId(String type, Map<String, Object> properties) {
        Map<String, Map<String, Object>> found = template().findResources(type, Map.of("Properties", properties));
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " with " + properties + ", found " + found.keySet());
        }
        return found.keySet().iterator().next();
    }

    /** The upgrade state machine (the stack also has the lease cleanup's). */
    static String upgradeStateMachineId() {
        return logicalId("AWS::StepFunctions::StateMachine", Map.of("StateMachineName", UpgradeWorkflow.STATE_MACHINE_NAME));
    }

    /** The fleet state machine. */
    static String fleetStateMachineId() {
        return logicalId("AWS::StepFunctions::StateMachine", Map.of("StateMachineName", FleetWorkflow.STATE_MACHINE_NAME));
    }

    static String functionId(TaskCatalog task) {
        return logicalId("AWS::Lambda::Function", Map.of("Handler", task.handler()));
    }

    static String aliasId(TaskCatalog task) {
        return logicalId("AWS::Lambda::Alias", Map.of("FunctionName", Map.of("Ref", functionId(task))));
    }

    /** The properties of one resource. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(String logicalId) {
        Map<String, Object> resources = (Map<String, Object>) template().toJSON().get("Resources");
        return (Map<String, Object>) ((Map<String, Object>) resources.get(logicalId)).get("Properties");
    }

    /** The statements of the policies attached to a role, in order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statementsOfRole(String roleLogicalId) {
        Map<String, Map<String, Object>> policies = template().findResources("AWS::IAM::Policy",
                Map.of("Properties", Map.of("Roles", List.of(Map.of("Ref", roleLogicalId)))));
        List<Map<String, Object>> statements = new ArrayList<>();
        policies.values().forEach(policy -> statements.addAll((List<Map<String, Object>>)
                ((Map<String, Object>) ((Map<String, Object>) policy.get("Properties")).get("PolicyDocument")).get("Statement")));
        return statements;
    }

    /** The role a resource names in a {@code Fn::GetAtt [role, Arn]} property. */
    @SuppressWarnings("unchecked")
    static String roleOf(Object getAtt) {
        return ((List<String>) ((Map<String, Object>) getAtt).get("Fn::GetAtt")).get(0);
    }

    /** One statement as {action(s) -> resource(s)}, with single values normalised to lists. */
    static Map<String, Object> grant(Map<String, Object> statement) {
        return Map.of("Action", asList(statement.get("Action")), "Resource", asList(statement.get("Resource")));
    }

    static List<Object> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? List.copyOf(list) : List.of(value);
    }
}
