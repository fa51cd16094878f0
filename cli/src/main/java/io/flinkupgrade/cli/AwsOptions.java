package io.flinkupgrade.cli;

import java.net.URI;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * Where the commands talk to, as the AWS CLI decides it: the default credential chain and region
 * (or {@code --profile}, {@code --region}), and {@code --endpoint-url} for a local {@code serve}.
 * Clients are built on first use, so a command builds only those it needs.
 */
final class AwsOptions {
    /** The stack's output naming the upgrade state machine (infra's UpgradeStack). */
    static final String STATE_MACHINE_OUTPUT = "StateMachineArn";
    /** The upgrade state machine's name, in AWS (infra's UpgradeWorkflow) and in a local serve. */
    static final String STATE_MACHINE_NAME = "flink-upgrade";
    /** The stack's output naming the fleet state machine (infra's UpgradeStack). */
    static final String FLEET_STATE_MACHINE_OUTPUT = "FleetStateMachineArn";
    /** The fleet state machine's name, in AWS (infra's FleetWorkflow) and in a local serve. */
    static final String FLEET_STATE_MACHINE_NAME = "flink-upgrade-fleet";

    /** AWS_ENDPOINT_URL is the AWS CLI's and SDKs' variable for the same (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html). */
    @Option(names = "--endpoint-url", paramLabel = "URL", defaultValue = "${env:AWS_ENDPOINT_URL}",
            description = "Send every request here, e.g. a local serve's http://127.0.0.1:4599 (default: AWS_ENDPOINT_URL).")
    URI endpointUrl;

    @Option(names = "--region", description = "The AWS Region (default: AWS_REGION, then the profile's).")
    String region;

    @Option(names = "--profile", description = "A named profile from ~/.aws/config and ~/.aws/credentials.")
    String profile;

    @Option(names = "--state-machine-arn", paramLabel = "ARN",
            description = "The upgrade state machine (default: the stack's StateMachineArn output; with --endpoint-url, the one named flink-upgrade).")
    String stateMachineArn;

    @Option(names = "--fleet-state-machine-arn", paramLabel = "ARN",
            description = "The fleet state machine (default: the stack's FleetStateMachineArn output; with --endpoint-url, the one named "
                    + "flink-upgrade-fleet).")
    String fleetStateMachineArn;

    @Option(names = "--stack-name", defaultValue = "FlinkUpgrade", description = "The deployed stack. Default: ${DEFAULT-VALUE}.")
    String stackName;

    private SfnClient sfn;
    private KinesisAnalyticsV2Client msf;
    private S3Client s3;

    SfnClient sfn() {
        if (sfn == null) {
            sfn = configure(SfnClient.builder()).build();
        }
        return sfn;
    }

    KinesisAnalyticsV2Client msf() {
        if (msf == null) {
            msf = configure(KinesisAnalyticsV2Client.builder()).build();
        }
        return msf;
    }

    /** Path-style against a local serve: its IP endpoint has no bucket subdomains. */
    S3Client s3() {
        if (s3 == null) {
            s3 = configure(S3Client.builder()).forcePathStyle(endpointUrl != null).build();
        }
        return s3;
    }

    /** The upgrade state machine's ARN: the flag, the local serve's, or the stack's output. */
    String stateMachineArn() {
        if (stateMachineArn == null) {
            stateMachineArn = machineArn(STATE_MACHINE_NAME, STATE_MACHINE_OUTPUT, "--state-machine-arn");
        }
        return stateMachineArn;
    }

    /** The fleet state machine's ARN: the flag, the local serve's, or the stack's output. */
    String fleetStateMachineArn() {
        if (fleetStateMachineArn == null) {
            fleetStateMachineArn = machineArn(FLEET_STATE_MACHINE_NAME, FLEET_STATE_MACHINE_OUTPUT, "--fleet-state-machine-arn");
        }
        return fleetStateMachineArn;
    }

    /** A local serve's state machine of that name, or the deployed stack's output. */
    private String machineArn(String name, String output, String flag) {
        if (endpointUrl != null) {
            return sfn().listStateMachinesPaginator(r -> { }).stateMachines().stream()
                    .filter(machine -> machine.name().equals(name))
                    .map(StateMachineListItem::stateMachineArn)
                    .findFirst()
                    .orElseThrow(() -> new CliProblem("no state machine named " + name + " at " + endpointUrl, "pass " + flag));
        }
        try (CloudFormationClient cloudFormation = configure(CloudFormationClient.builder()).build()) {
            return cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().stream()
                    .flatMap(stack -> stack.outputs().stream())
                    .filter(o -> o.outputKey().equals(output))
                    .map(Output::outputValue)
                    .findFirst()
                    .orElseThrow(() -> new CliProblem("stack " + stackName + " has no " + output + " output",
                            "pass " + flag + ", or --stack-name for a stack deployed under another name"));
        } catch (CloudFormationException e) {
            throw new CliProblem("cannot read stack " + stackName + ": " + e.awsErrorDetails().errorMessage(),
                    "pass " + flag + ", or --stack-name, --region or --profile for where the stack is deployed");
        }
    }

    /**
     * Whether executions of this state machine are fleets: the flag's machine, or else the one named as the stack and a
     * local serve name the fleet's, which spares a stack lookup to tell a fleet from an upgrade.
     */
    boolean isFleetStateMachine(String arn) {
        return fleetStateMachineArn != null ? fleetStateMachineArn.equals(arn) : arn.endsWith(":stateMachine:" + FLEET_STATE_MACHINE_NAME);
    }

    /** An execution's ARN from its name (or its ARN). */
    String executionArn(String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : ExecutionNames.arn(stateMachineArn(), nameOrArn);
    }

    /** Every client on the URL-connection HTTP client: the lightest to load, which a short-lived command feels. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        builder.httpClient(UrlConnectionHttpClient.create());
        builder.region(region()).credentialsProvider(credentials());
        if (endpointUrl != null) {
            builder.endpointOverride(endpointUrl);
        }
        return builder;
    }

    private Region region() {
        if (region != null) {
            return Region.of(region);
        }
        try {
            return profile != null ? new AwsProfileRegionProvider(null, profile).getRegion()
                    : DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkException e) {
            throw new CliProblem("no AWS Region is configured", "pass --region, or set AWS_REGION (e.g. AWS_REGION=us-east-1)");
        }
    }

    private AwsCredentialsProvider credentials() {
        return profile != null ? ProfileCredentialsProvider.create(profile) : DefaultCredentialsProvider.builder().build();
    }
}
