package io.flinkupgrade.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** The CDK app: reads the configuration from context, builds the stack under cdk-nag's AwsSolutions checks, synthesises. */
public final class InfraApp {
    static final String STACK_NAME = "FlinkUpgrade";

    private InfraApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        UpgradeStackConfig config = UpgradeStackConfig.fromContext(app.getNode()::tryGetContext);
        // Account and region come from the CLI's profile when deploying; without them the template stays environment-agnostic.
        StackProps props = StackProps.builder()
                .description("flink-upgrade: in-place Apache Flink runtime upgrades for Managed Service for Apache Flink")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .build();
        new UpgradeStack(app, STACK_NAME, props, config, RepositoryLayout.locate());
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        app.synth();
    }
}
