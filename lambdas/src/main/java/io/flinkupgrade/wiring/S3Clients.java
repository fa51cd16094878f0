package io.flinkupgrade.wiring;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * PlanFleet's S3 client, apart from {@link AwsClients}: the S3 SDK is only in PlanFleet's own jar
 * ({@link TaskJar#FLEET_PLAN}), and a method of AwsClients returning S3Client would fail to resolve in
 * the shared jar whenever reflection lists AwsClients' methods.
 */
public final class S3Clients {
    private S3Clients() {
    }

    /** Path-style addressing with an endpoint override: the local emulator serves {@code /bucket/key} on one host. */
    public static S3Client of(AwsClients clients) {
        return clients.build(S3Client.builder().forcePathStyle(clients.endpointOverridden()));
    }
}
