package io.flinkupgrade.local;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Points every AWS SDK client built in this JVM from its environment at an emulator, through the
 * SDK's own standard settings (the system properties that stand for Lambda's AWS_ENDPOINT_URL,
 * AWS_REGION and credentials): how a test drives the handlers' Lambda constructors, which build their
 * clients from the environment. JVM-wide, so only for tests that run alone; the local runtime passes
 * its endpoint to each client instead. Closing restores what was there before.
 */
final class SdkSettings implements AutoCloseable {
    private final Map<String, String> previous = new HashMap<>();

    private SdkSettings(Map<String, String> settings) {
        settings.forEach((key, value) -> {
            previous.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
    }

    static SdkSettings pointedAt(URI endpoint) {
        return new SdkSettings(Map.of(
                "aws.endpointUrl", endpoint.toString(),
                "aws.region", "us-east-1",
                "aws.accessKeyId", "local",
                "aws.secretAccessKey", "local"));
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }
}
