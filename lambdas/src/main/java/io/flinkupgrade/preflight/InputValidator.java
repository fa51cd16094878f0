package io.flinkupgrade.preflight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.flinkupgrade.errors.UpgradeRejectedException;
import io.flinkupgrade.plan.UpgradeRequest;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
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
    private final JsonSchema schema;

    public InputValidator() {
        try (InputStream in = InputValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the input schema " + SCHEMA_RESOURCE + " is missing from the jar");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(PathType.LEGACY)
                    .regularExpressionFactory(new EcmaRegex())
                    .build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws UpgradeRejectedException naming the first offending field and listing every problem */
    public UpgradeRequest parse(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            throw new UpgradeRejectedException("(input)", "the execution input is empty; expected an upgrade request object");
        }
        List<InputProblem> problems = new ArrayList<>(schema.validate(input).stream()
                .map(m -> new InputProblem(field(m), describe(m)))
                .toList());
        Set<String> fields = problems.stream().map(InputProblem::field).collect(Collectors.toSet());
        // The schema's finding about a field says enough; a rule adds only what the schema could not see.
        InputRules.check(input).stream().filter(p -> !fields.contains(p.field())).forEach(problems::add);
        if (!problems.isEmpty()) {
            throw rejection(problems);
        }
        try {
            return TaskJson.mapper().treeToValue(input, UpgradeRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("input passed the schema but does not map to UpgradeRequest: " + e.getOriginalMessage(), e);
        }
    }

    /** "code.fileKey: problem; also: targetRuntime: problem; health.bakeSeconds: problem". */
    static UpgradeRejectedException rejection(List<InputProblem> problems) {
        List<InputProblem> sorted = problems.stream().distinct()
                .sorted(Comparator.comparing(InputProblem::field).thenComparing(InputProblem::message))
                .toList();
        InputProblem first = sorted.get(0);
        String others = sorted.stream().skip(1).map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
        return new UpgradeRejectedException(first.field(), first.message() + (others.isEmpty() ? "" : "; also " + others));
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
