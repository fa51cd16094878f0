package io.flinkupgrade.preflight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * Checks the execution input against {@code statemachine/upgrade-request.schema.json} (bundled in
 * the jar) and turns it into an {@link UpgradeRequest}; the first violation becomes a rejection
 * that names the field.
 */
public final class InputValidator {
    static final String SCHEMA_RESOURCE = "/statemachine/upgrade-request.schema.json";
    private final JsonSchema schema;

    public InputValidator() {
        try (InputStream in = InputValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the input schema " + SCHEMA_RESOURCE + " is missing from the jar");
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws UpgradeRejectedException naming the first offending field, in a stable order */
    public UpgradeRequest parse(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            throw new UpgradeRejectedException("(input)", "the execution input is empty; expected an upgrade request object");
        }
        List<ValidationMessage> violations = violations(input);
        if (!violations.isEmpty()) {
            ValidationMessage first = violations.get(0);
            String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more problem(s))" : "";
            throw new UpgradeRejectedException(field(first), describe(first) + more);
        }
        try {
            return TaskJson.mapper().treeToValue(input, UpgradeRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("input passed the schema but does not map to UpgradeRequest: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Every problem of the input, {@code field: what is wrong}, in the order {@link #parse} names the first
     * (the CLI lists them all; the workflow's rejection names the first and counts the rest).
     */
    public List<String> problems(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            return List.of("(input): the execution input is empty; expected an upgrade request object");
        }
        return violations(input).stream().map(v -> field(v) + ": " + describe(v)).toList();
    }

    private List<ValidationMessage> violations(JsonNode input) {
        return schema.validate(input).stream()
                .sorted(Comparator.comparing(InputValidator::field).thenComparing(ValidationMessage::getMessage))
                .toList();
    }

    /** {@code code.fileKey}-style path of the offending field; required/additional properties name the property itself. */
    static String field(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        String path = location.equals("$") ? "" : location.substring(2).replaceAll("\\[(\\d+)]", ".$1");
        String property = message.getProperty();
        if (property != null && ("required".equals(message.getType()) || "additionalProperties".equals(message.getType()))) {
            path = path.isEmpty() ? property : path + "." + property;
        }
        return path.isEmpty() ? "(input)" : path;
    }

    private static String describe(ValidationMessage message) {
        return switch (message.getType()) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a field of the upgrade request (check the spelling)";
            default -> message.getMessage().replaceFirst("^\\$[^:]*: ", "");
        };
    }
}
