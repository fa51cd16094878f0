package io.flinkupgrade.emulator;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationCodeConfigurationUpdate;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationConfigurationUpdate;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.CodeContentUpdate;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.S3ContentLocationUpdate;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationRequest;
import software.amazon.awssdk.services.s3.S3Client;

/** Real SDK 2.40.2 clients pointed at an emulator, with retries off so every injected error is seen. */
final class EmulatorClients {
    static final String APP = "orders-enricher";
    static final String BUCKET = "arn:aws:s3:::flink-artifacts-123456789012";
    static final String OLD_KEY = "orders-enricher/orders-enricher-1.4.0-flink-1.15.jar";
    static final String NEW_KEY = "orders-enricher/orders-enricher-1.5.0-flink-1.20.jar";

    private EmulatorClients() {
    }

    static KinesisAnalyticsV2Client msf(MsfEmulator emulator) {
        return msf(emulator, Region.US_EAST_1);
    }

    /** A client that signs for {@code region}, as one configured for that region would. */
    static KinesisAnalyticsV2Client msf(MsfEmulator emulator, Region region) {
        return KinesisAnalyticsV2Client.builder()
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(emulator.endpoint())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    static CloudWatchClient cloudWatch(MsfEmulator emulator) {
        return cloudWatch(emulator, Region.US_EAST_1);
    }

    static CloudWatchClient cloudWatch(MsfEmulator emulator, Region region) {
        return CloudWatchClient.builder()
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(emulator.endpoint())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** Path-style, as the local runtime's client: an IP endpoint has no bucket subdomains. */
    static S3Client s3(MsfEmulator emulator) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(emulator.endpoint())
                .forcePathStyle(true)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The request the upgrade workflow sends: a new runtime and the matching jar, guarded by the token. */
    static UpdateApplicationRequest upgrade(String conditionalToken, String runtime) {
        return UpdateApplicationRequest.builder()
                .applicationName(APP)
                .conditionalToken(conditionalToken)
                .runtimeEnvironmentUpdate(runtime)
                .applicationConfigurationUpdate(ApplicationConfigurationUpdate.builder()
                        .applicationCodeConfigurationUpdate(ApplicationCodeConfigurationUpdate.builder()
                                .codeContentTypeUpdate(CodeContentType.ZIPFILE)
                                .codeContentUpdate(CodeContentUpdate.builder()
                                        .s3ContentLocationUpdate(S3ContentLocationUpdate.builder()
                                                .bucketARNUpdate(BUCKET)
                                                .fileKeyUpdate(NEW_KEY)
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build();
    }
}
