package io.flinkupgrade.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.wiring.TaskJson;
import io.flinkupgrade.wiring.TaskSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Lambda test events from events/lambda/, read and written exactly as the Lambda runtime would: through TaskSerializer. */
public final class HandlerEvents {
    private static final TaskSerializer SERIALIZER = new TaskSerializer();

    private HandlerEvents() {}

    public static <T> T read(String file, Class<T> type) {
        try (InputStream in = Files.newInputStream(RepoFiles.root().resolve("events/lambda").resolve(file))) {
            return SERIALIZER.fromJson(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode write(Object output) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        SERIALIZER.toJson(output, json, output.getClass());
        try {
            return TaskJson.mapper().readTree(json.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
