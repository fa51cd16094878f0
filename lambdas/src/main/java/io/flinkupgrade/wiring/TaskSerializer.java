package io.flinkupgrade.wiring;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.preflight.PreflightRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;

/**
 * Lambda's JSON for every handler, registered in META-INF/services. The runtime's built-in
 * serializer is a shaded Jackson that ignores our records' conventions; the local engine calls
 * this same class, so the JSON seen locally is the JSON Lambda sees.
 */
public final class TaskSerializer implements CustomPojoSerializer {

    @Override
    public <T> T fromJson(InputStream input, Type type) {
        try {
            return TaskJson.mapper().readValue(input, javaType(type));
        } catch (IOException e) {
            throw unreadable(type, e);
        }
    }

    @Override
    public <T> T fromJson(String input, Type type) {
        try {
            return TaskJson.mapper().readValue(input, javaType(type));
        } catch (IOException e) {
            throw unreadable(type, e);
        }
    }

    /**
     * Preflight's input carries the user's request, so malformed JSON there is a rejection of the
     * request ({@code (input)}: what and where, in plain words); any other task's input is built by
     * the ASL, and malformed JSON there is a defect that must fail loudly.
     */
    private static RuntimeException unreadable(Type type, IOException e) {
        if (type == PreflightRequest.class && e instanceof JsonProcessingException json && StrictJson.isMalformed(json)) {
            return new UpgradeRejectedException("(input)", StrictJson.describe(json), e);
        }
        String message = e instanceof JsonProcessingException json ? StrictJson.describe(json) : e.getMessage();
        return new UncheckedIOException("cannot read task input as " + type.getTypeName() + ": " + message, e);
    }

    @Override
    public <T> void toJson(T value, OutputStream output, Type type) {
        try {
            TaskJson.mapper().writerFor(javaType(type)).writeValue(output, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write task output " + type.getTypeName() + ": " + e.getMessage(), e);
        }
    }

    private static JavaType javaType(Type type) {
        return TaskJson.mapper().getTypeFactory().constructType(type);
    }
}
