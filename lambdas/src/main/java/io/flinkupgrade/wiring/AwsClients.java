package io.flinkupgrade.wiring;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the SDK clients a handler uses, once per handler instance (so once per Lambda container).
 *
 * <p>In Lambda ({@link #fromEnvironment()}) the endpoint is the SDK's own business: the Region's
 * endpoint, or {@code AWS_ENDPOINT_URL} if set, with no code path of ours. The local runtime instead
 * passes its emulator's endpoint, a Region and credentials to {@link #at}, per client, so that several
 * local sessions, each with its own emulator, can share one JVM.
 *
 * <p>The URL-connection HTTP client keeps the jar small and cold starts short; the local runtime shares
 * the SDK's Apache client among its clients instead (the local runtime's SessionClients says why). The SDK does not
 * retry: the ASL's Retry is the one retry policy, visible in the execution history and driven by
 * the virtual clock locally.
 */
public final class AwsClients implements AutoCloseable {
    private final Optional<URI> endpoint;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    /** Each SDK client's HTTP client: its own URL-connection client, or one the caller shares and closes. */
    private final Supplier<SdkHttpClient> httpClient;
    /**
     * Every client built here, for {@link #close()}: a local session ends by closing them, since each keeps
     * threads of its own (its timeouts' scheduler) that would otherwise outlive the session; a Lambda
     * container never closes its clients.
     */
    private final List<SdkAutoCloseable> built = new CopyOnWriteArrayList<>();

    private AwsClients(Optional<URI> endpoint, Region region, AwsCredentialsProvider credentials, Supplier<SdkHttpClient> httpClient) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.httpClient = httpClient;
    }

    /**
     * The Lambda runtime's clients: the Region from AWS_REGION (set by Lambda) or the aws.region system
     * property, with no profile files or IMDS lookups; credentials from the default chain.
     */
    public static AwsClients fromEnvironment() {
        return new AwsClients(Optional.empty(), new SystemSettingsRegionProvider().getRegion(),
                DefaultCredentialsProvider.builder().build(), AwsClients::urlConnection);
    }

    /** Clients that call {@code endpoint} (the SDK's endpoint override) in {@code region} with {@code credentials}. */
    public static AwsClients at(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return new AwsClients(Optional.of(endpoint), region, credentials, AwsClients::urlConnection);
    }

    /**
     * Like {@link #at(URI, Region, AwsCredentialsProvider)}, every client sending its requests through
     * {@code httpClient}, which the caller owns and closes (the SDK never closes an HTTP client it was given).
     */
    public static AwsClients at(URI endpoint, Region region, AwsCredentialsProvider credentials, SdkHttpClient httpClient) {
        return new AwsClients(Optional.of(endpoint), region, credentials, () -> httpClient);
    }

    public KinesisAnalyticsV2Client msf() {
        return build(KinesisAnalyticsV2Client.builder());
    }

    public CloudWatchClient cloudWatch() {
        return build(CloudWatchClient.builder());
    }

    /** Whether the clients call an overridden endpoint (the local emulator) rather than the Region's own. */
    public boolean endpointOverridden() {
        return endpoint.isPresent();
    }

    /** A client with the endpoint, Region, credentials, HTTP client and timeouts every client here gets, also for {@link S3Clients}. */
    public <C extends SdkClient, B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>> C build(B builder) {
        endpoint.ifPresent(builder::endpointOverride);
        C client = builder.httpClient(httpClient.get())
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(DefaultRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(20))
                        .apiCallAttemptTimeout(Duration.ofSeconds(10))
                        .build())
                .build();
        built.add(client);
        return client;
    }

    /** Closes every client built here (not an HTTP client the caller shares: that one is the caller's to close). */
    @Override
    public void close() {
        built.forEach(SdkAutoCloseable::close);
        built.clear();
    }

    private static SdkHttpClient urlConnection() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build();
    }
}
