package io.flinkupgrade.preflight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.wiring.TaskJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the execution input against {@code statemachine/upgrade-request.schema.json} (bundled in
 * the jar, its patterns read as ECMA-262 by {@link EcmaRegex}) and the {@link InputRules} a schema
 * cannot say, and turns it into an {@link UpgradeRequest}. Every problem found is reported, in a
 * stable order, in one rejection that names the first problem's field.
 */
public final class InputValidator {
    static final String SCHEMA_RESOURCE = "/statemachine/upgrade-request.schema.json";
    private final SchemaFile schema = new SchemaFile(SCHEMA_RESOURCE, "upgrade request");

    /** @throws UpgradeRejectedException naming the first offending field and listing every problem */
    public UpgradeRequest parse(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            throw new UpgradeRejectedException("(input)", "the execution input is empty; expected an upgrade request object");
        }
        List<InputProblem> problems = new ArrayList<>(schema.problems(input));
        Set<String> fields = problems.stream().map(InputProblem::field).collect(Collectors.toSet());
        // The schema's finding about a field says enough; a rule adds only what the schema could not see.
        InputRules.check(input).stream().filter(p -> !fields.contains(p.field())).forEach(problems::add);
        if (!problems.isEmpty()) {
            throw SchemaFile.rejection(problems);
        }
        try {
            return TaskJson.mapper().treeToValue(input, UpgradeRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("input passed the schema but does not map to UpgradeRequest: " + e.getOriginalMessage(), e);
        }
    }
}
