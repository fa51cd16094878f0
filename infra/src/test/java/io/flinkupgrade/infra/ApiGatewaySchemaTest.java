package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The draft 2020-12 to draft-4 conversion behind the API's request model. */
class ApiGatewaySchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void convert_dropsDialectIdAndExamples_andDeclaresDraft4() throws Exception {
        JsonNode converted = ApiGatewaySchema.fromDraft2020(json("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "x", "type": "string", "examples": ["a"], "default": "a"}"""));
        assertThat(converted).isEqualTo(json("""
                {"$schema": "http://json-schema.org/draft-04/schema#", "type": "string", "default": "a"}"""));
    }

    @Test
    void convert_translatesNumericExclusiveBoundsAndConst() throws Exception {
        JsonNode converted = ApiGatewaySchema.fromDraft2020(json("""
                {"type": "object", "properties": {"n": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10}, "k": {"const": "v"}}}"""));
        assertThat(converted.at("/properties/n")).isEqualTo(json("""
                {"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true}"""));
        assertThat(converted.at("/properties/k")).isEqualTo(json("{\"enum\": [\"v\"]}"));
    }

    @Test
    void convert_walksNestedSchemasButNotPropertyNames() throws Exception {
        JsonNode converted = ApiGatewaySchema.fromDraft2020(json("""
                {"properties": {"examples": {"type": "array", "items": {"type": "string", "examples": ["x"]}}},
                 "additionalProperties": {"type": "string", "propertyNames": {"maxLength": 3}}}"""));
        assertThat(converted.at("/properties/examples/items")).isEqualTo(json("{\"type\": \"string\"}"));
        assertThat(converted.at("/additionalProperties")).isEqualTo(json("{\"type\": \"string\"}"));
    }

    @Test
    void convert_refusesKeywordsItCannotTranslate_namingWhere() throws Exception {
        assertThatThrownBy(() -> ApiGatewaySchema.fromDraft2020(json("""
                {"properties": {"a": {"$ref": "#/$defs/a"}}}""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("#/properties/a/$ref: the keyword '$ref' has no draft-4 translation for API Gateway models");
        assertThatThrownBy(() -> ApiGatewaySchema.fromDraft2020(json("{\"prefixItems\": []}")))
                .hasMessageContaining("#/prefixItems");
    }

    @Test
    void convertedRequestSchema_isValidDraft4_andAcceptsEverySampleInput() throws Exception {
        JsonNode draft4 = ApiGatewaySchema.fromDraft2020(json(Files.readString(TestStacks.layout().requestSchema())));
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(draft4);
        try (var files = Files.list(TestStacks.root().resolve("events"))) {
            for (Path sample : files.filter(p -> p.toString().endsWith(".json")).filter(p -> !isFleetSample(p)).toList()) {
                assertThat(schema.validate(json(Files.readString(sample)))).as(sample.toString()).isEmpty();
            }
        }
        assertThat(schema.validate(json("{\"applicationName\": \"a\", \"targetRuntime\": \"FLINK-1_20\"}")))
                .extracting(message -> message.getMessage()).anyMatch(message -> message.contains("code"));
    }

    @Test
    void convertedFleetSchema_isValidDraft4_andAcceptsEveryFleetSample() throws Exception {
        JsonNode draft4 = ApiGatewaySchema.fromDraft2020(json(Files.readString(TestStacks.layout().fleetRequestSchema())));
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(draft4);
        try (var files = Files.list(TestStacks.root().resolve("events"))) {
            List<Path> samples = files.filter(ApiGatewaySchemaTest::isFleetSample).toList();
            assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
            for (Path sample : samples) {
                assertThat(schema.validate(json(Files.readString(sample)))).as(sample.toString()).isEmpty();
            }
        }
        assertThat(schema.validate(json("{\"targetRuntime\": \"FLINK-1_20\"}"))).isNotEmpty();
    }

    /** events/fleet-*.json are fleet requests; the other samples are upgrade requests. */
    private static boolean isFleetSample(Path sample) {
        return sample.getFileName().toString().startsWith("fleet-") && sample.toString().endsWith(".json");
    }
}
