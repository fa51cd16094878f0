package io.flinkupgrade.local.runtime;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Points every AWS SDK client built in this JVM at the emulator, through the SDK's own standard
 * settings (system properties, because the handlers run in-process): the same client code as in
 * Lambda, with test credentials. Closing restores what was there before.
 */
public final class SdkSettings implements AutoCloseable {
    private final Map<String, String> previous = new HashMap<>();

    private SdkSettings(Map<String, String> settings) {
        settings.forEach((key, value) -> {
            previous.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
    }

    public static SdkSettings pointedAt(URI endpoint) {
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
