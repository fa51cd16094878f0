package io.flinkupgrade.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.support.RepoFiles;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The malformed-input corpus in events/invalid/malformed-inputs.json. */
final class MalformedInputs {
    record Case(String name, String field, JsonNode input) {}

    private MalformedInputs() {}

    static List<Case> cases() {
        try {
            JsonNode doc = TaskJson.mapper().readTree(RepoFiles.root().resolve("events/invalid/malformed-inputs.json").toFile());
            List<Case> cases = new ArrayList<>();
            doc.get("cases").forEach(c -> cases.add(new Case(c.get("name").asText(), c.get("field").asText(), c.get("input"))));
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
