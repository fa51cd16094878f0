package io.flinkupgrade.wiring;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The one JSON dialect of the task contracts: ISO-8601 instants (what
 * {@code $states.context.State.EnteredTime} looks like), unknown properties, duplicate keys and
 * trailing content rejected (a drifted ASL or a malformed request fails loudly), and nulls written out, because a JSONata path to an absent field is
 * undefined and undefined fails a state with States.QueryEvaluationError.
 */
public final class TaskJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(instants())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // One meaning per document: a key given twice, or anything after the value, is an error, not a silent choice.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private TaskJson() {}

    /**
     * {@link Instant} as ISO-8601 text, the only java.time type in the contracts. Ten lines here
     * instead of jackson-datatype-jsr310 keep the Lambda jar under its size budget.
     */
    private static SimpleModule instants() {
        return new SimpleModule("instants")
                .addSerializer(Instant.class, new StdScalarSerializer<>(Instant.class) {
                    @Override
                    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                        gen.writeString(value.toString());
                    }
                })
                .addDeserializer(Instant.class, new StdScalarDeserializer<>(Instant.class) {
                    @Override
                    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        try {
                            return Instant.parse(p.getValueAsString());
                        } catch (DateTimeException | NullPointerException e) {
                            return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(),
                                    "expected an ISO-8601 instant such as 2026-11-24T10:00:00.000Z");
                        }
                    }
                });
    }

    /** Thread-safe and immutable once built; shared so Lambda pays its construction once per container. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
