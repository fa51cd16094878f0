package io.flinkupgrade.wiring;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON dialect of the task contracts: ISO-8601 instants (what
 * {@code $states.context.State.EnteredTime} looks like), unknown properties rejected (a drifted
 * ASL fails loudly), and nulls written out, because a JSONata path to an absent field is
 * undefined and undefined fails a state with States.QueryEvaluationError.
 */
public final class TaskJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private TaskJson() {}

    /** Thread-safe and immutable once built; shared so Lambda pays its construction once per container. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
