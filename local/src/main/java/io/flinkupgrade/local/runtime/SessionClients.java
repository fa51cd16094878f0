package io.flinkupgrade.local.runtime;

import io.flinkupgrade.wiring.AwsClients;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The SDK clients of one local session, all calling its emulator: the handlers' ({@link AwsClients}) and
 * the engine's DynamoDB integration, over one HTTP client. Each session has its own, so sessions in one
 * JVM never see one another's emulator; closing it closes them all, since every SDK client keeps threads.
 *
 * <p>The HTTP client is the SDK's Apache client, not the URL-connection client the Lambda jar carries.
 * The JDK's HttpURLConnection, before it sends a fixed-length POST (every SDK call: the SDK sets the
 * Content-Length) on a kept-alive connection, reads from it with a 1 ms timeout to see whether the server
 * closed it (sun.net.www.http.HttpClient.available(), measured with JFR socket-read events on JDK 17).
 * Against AWS that millisecond hides in the network's; against the emulator on the loopback it was two
 * thirds of every call (1.6 ms against 0.4 ms with this client), and a third of a 500-application fleet's
 * wall time. {@code ShadedLambdaJarTest} still runs every handler from the Lambda jar, with its
 * URL-connection client, against the emulator.
 *
 * @param handlers the handlers' clients: the emulator's endpoint, a Region and test credentials
 */
record SessionClients(SdkHttpClient httpClient, AwsClients handlers, DynamoDbIntegration dynamoDb) implements AutoCloseable {

    static SessionClients at(URI endpoint) {
        SdkHttpClient httpClient = ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build();
        AwsClients handlers = AwsClients.at(endpoint, Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), httpClient);
        return new SessionClients(httpClient, handlers, new DynamoDbIntegration(endpoint, httpClient));
    }

    /** The SDK clients first, then the HTTP client they share (the SDK never closes one it was given). */
    @Override
    public void close() {
        dynamoDb.close();
        handlers.close();
        httpClient.close();
    }
}
