package io.flinkupgrade.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The malformed-input corpus in events/invalid/malformed-inputs.json. */
public final class MalformedInputs {
    /** A JSON value the request rules reject, naming {@code field}. */
    public record Case(String name, String field, JsonNode input) {}

    /** Bytes that are not strict JSON; the rejection names {@code field} and says {@code says}. */
    public record Text(String name, String field, String says, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private MalformedInputs() {}

    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        corpus().get("cases").forEach(c -> cases.add(new Case(c.get("name").asText(), c.get("field").asText(), c.get("input"))));
        return cases;
    }

    public static List<Text> texts() {
        List<Text> texts = new ArrayList<>();
        corpus().get("texts").forEach(t -> texts.add(new Text(t.get("name").asText(), t.get("field").asText(), t.get("says").asText(),
                t.has("base64") ? Base64.getDecoder().decode(t.get("base64").asText()) : t.get("text").asText().getBytes(StandardCharsets.UTF_8))));
        return texts;
    }

    private static JsonNode corpus() {
        try {
            return TaskJson.mapper().readTree(RepoFiles.root().resolve("events/invalid/malformed-inputs.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
