package io.flinkupgrade.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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

    /** Context as a deployer would write it in cdk.json, with every feature switched on. */
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
}
