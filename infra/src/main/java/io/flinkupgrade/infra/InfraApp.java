package io.flinkupgrade.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.PrintStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** The CDK app: reads the configuration from context, builds the stack under cdk-nag's AwsSolutions checks, synthesises. */
public final class InfraApp {
    static final String STACK_NAME = "FlinkUpgrade";
    /** The exit status of a synth the deployer's configuration stopped. */
    static final int CONFIGURATION_ERROR = 2;

    private InfraApp() {
    }

    public static void main(String[] args) {
        // Account and region come from the CLI's profile when deploying; without them the template stays environment-agnostic.
        Environment environment = Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
        int status = synth(new App(), environment, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Builds and synthesises the stack, or prints what is wrong with the configuration (the message alone: a stack
     * trace from inside the CDK would hide it) and returns {@link #CONFIGURATION_ERROR}.
     */
    static int synth(App app, Environment environment, PrintStream err) {
        try {
            UpgradeStackConfig config = UpgradeStackConfig.fromContext(app.getNode()::tryGetContext);
            StackProps props = StackProps.builder()
                    .description("flink-upgrade: in-place Apache Flink runtime upgrades for Managed Service for Apache Flink")
                    .env(environment)
                    .build();
            new UpgradeStack(app, STACK_NAME, props, config, RepositoryLayout.locate());
        } catch (ConfigurationException e) {
            err.println("flink-upgrade: cannot synthesise the " + STACK_NAME + " stack: " + e.getMessage());
            return CONFIGURATION_ERROR;
        }
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        app.synth();
        return 0;
    }
}
