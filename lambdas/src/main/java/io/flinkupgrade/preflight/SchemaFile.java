package io.flinkupgrade.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.flinkupgrade.errors.UpgradeRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One of the request schemas bundled from {@code statemachine/} (its patterns read as ECMA-262 by
 * {@link EcmaRegex}): the problems it finds, each naming its field the same way, and the one
 * rejection that lists them all.
 */
public final class SchemaFile {
    private final JsonSchema schema;
    private final String subject;

    /**
     * @param resource the schema's path in the jar, e.g. {@code /statemachine/upgrade-request.schema.json}
     * @param subject  what the schema describes, for "is not a field of the ..." ({@code upgrade request})
     */
    public SchemaFile(String resource, String subject) {
        this.subject = subject;
        try (InputStream in = SchemaFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the input schema " + resource + " is missing from the jar");
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

    /** Every problem the schema finds in {@code input}; empty when it is valid. */
    public List<InputProblem> problems(JsonNode input) {
        return schema.validate(input).stream()
                .map(m -> new InputProblem(field(m), describe(m)))
                .toList();
    }

    /** "code.fileKey: problem; also: targetRuntime: problem; health.bakeSeconds: problem". */
    public static UpgradeRejectedException rejection(List<InputProblem> problems) {
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

    private String describe(ValidationMessage message) {
        return switch (message.getType()) {
            case "required" -> "is required";
            case "oneOf" -> "must hold exactly one of the alternatives the schema lists (each is named below)";
            case "additionalProperties" -> "is not a field of the " + subject + " (check the spelling)";
            default -> message.getMessage().replaceFirst("^\\$[^:]*: ", "");
        };
    }
}
