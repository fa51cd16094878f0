package io.flinkupgrade.wiring;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/**
 * Builds the SDK clients a handler uses, once per handler instance (so once per Lambda container).
 *
 * <p>The URL-connection HTTP client keeps the jar small and cold starts short. The endpoint is the
 * SDK's own business: {@code AWS_ENDPOINT_URL} (or the {@code aws.endpointUrl} system property,
 * which the local engine sets) points every client at the emulator with no code path of ours.
 * The SDK does not retry: the ASL's Retry is the one retry policy, visible in the execution
 * history and driven by the virtual clock locally.
 */
public final class AwsClients {
    private AwsClients() {}

    public static KinesisAnalyticsV2Client msf() {
        return KinesisAnalyticsV2Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build())
                .region(region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(overrides())
                .build();
    }

    public static CloudWatchClient cloudWatch() {
        return CloudWatchClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build())
                .region(region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(overrides())
                .build();
    }

    /** AWS_REGION (set by Lambda) or the aws.region system property: no profile files, no IMDS lookups. */
    private static Region region() {
        return new SystemSettingsRegionProvider().getRegion();
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(DefaultRetryStrategy.doNotRetry())
                .apiCallTimeout(Duration.ofSeconds(20))
                .apiCallAttemptTimeout(Duration.ofSeconds(10))
                .build();
    }
}
