package io.flinkupgrade.emulator.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** UpdateItem through the protocol: SET on the item as it is, under a condition, as the workflow's progress writes use it. */
class UpdateItemTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DynamoDbTables tables = new DynamoDbTables(operation -> { });
    private final DynamoDbProtocol protocol = new DynamoDbProtocol(tables, JSON);

    UpdateItemTest() {
        tables.createTable("leases", new DynamoDbTables.KeySchema("applicationName", "S", "record", "S"));
    }

    private JsonNode call(String operation, String body) throws Exception {
        return protocol.handle(operation, JSON.readTree(body));
    }

    private static final String KEY = "{\"applicationName\": {\"S\": \"app\"}, \"record\": {\"S\": \"LEASE\"}}";

    private String progressUpdate(String holder) {
        return "{\"TableName\": \"leases\", \"Key\": " + KEY + ", "
                + "\"UpdateExpression\": \"SET #step = :step, stepAt = :at\", "
                + "\"ConditionExpression\": \"#holder = :holder\", "
                + "\"ExpressionAttributeNames\": {\"#step\": \"step\", \"#holder\": \"holder\"}, "
                + "\"ExpressionAttributeValues\": {\":step\": {\"S\": \"BAKE\"}, \":at\": {\"S\": \"2025-06-02T09:00:00Z\"}, "
                + "\":holder\": {\"S\": \"" + holder + "\"}}}";
    }

    @Test
    void set_keepsTheOtherAttributes_whenTheConditionHolds() throws Exception {
        call("PutItem", "{\"TableName\": \"leases\", \"Item\": {\"applicationName\": {\"S\": \"app\"}, \"record\": {\"S\": \"LEASE\"}, "
                + "\"holder\": {\"S\": \"arn:me\"}, \"step\": {\"S\": \"PREFLIGHT\"}}}");

        call("UpdateItem", progressUpdate("arn:me"));

        Map<String, JsonNode> item = tables.item("leases", Map.of("applicationName", JSON.readTree("{\"S\": \"app\"}"),
                "record", JSON.readTree("{\"S\": \"LEASE\"}"))).orElseThrow();
        assertThat(item.get("holder").path("S").asText()).isEqualTo("arn:me");
        assertThat(item.get("step").path("S").asText()).isEqualTo("BAKE");
        assertThat(item.get("stepAt").path("S").asText()).isEqualTo("2025-06-02T09:00:00Z");
    }

    @Test
    void anotherHoldersItem_orNoItem_failsTheCondition_andIsLeftAsItWas() throws Exception {
        assertThatThrownBy(() -> call("UpdateItem", progressUpdate("arn:me")))
                .isInstanceOf(DynamoDbException.class).hasMessage("The conditional request failed");
        assertThat(tables.items("leases")).isEmpty();

        call("PutItem", "{\"TableName\": \"leases\", \"Item\": {\"applicationName\": {\"S\": \"app\"}, \"record\": {\"S\": \"LEASE\"}, "
                + "\"holder\": {\"S\": \"arn:other\"}}}");
        assertThatThrownBy(() -> call("UpdateItem", progressUpdate("arn:me")))
                .isInstanceOf(DynamoDbException.class).hasMessage("The conditional request failed");
        assertThat(tables.items("leases")).singleElement().satisfies(item -> assertThat(item).doesNotContainKey("step"));
    }

    @Test
    void withoutACondition_theItemIsCreated_andKeysOrOtherClausesAreRefused() throws Exception {
        call("UpdateItem", "{\"TableName\": \"leases\", \"Key\": " + KEY + ", \"UpdateExpression\": \"SET step = :s\", "
                + "\"ExpressionAttributeValues\": {\":s\": {\"S\": \"BAKE\"}}}");
        assertThat(tables.items("leases")).singleElement().satisfies(item -> assertThat(item).containsKeys("applicationName", "record", "step"));

        assertThatThrownBy(() -> call("UpdateItem", "{\"TableName\": \"leases\", \"Key\": " + KEY + ", \"UpdateExpression\": \"SET #r = :s\", "
                + "\"ExpressionAttributeNames\": {\"#r\": \"record\"}, \"ExpressionAttributeValues\": {\":s\": {\"S\": \"X\"}}}"))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("part of the key");
        assertThatThrownBy(() -> call("UpdateItem", "{\"TableName\": \"leases\", \"Key\": " + KEY + ", \"UpdateExpression\": \"REMOVE step\"}"))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Invalid UpdateExpression");
        assertThatThrownBy(() -> call("UpdateItem", "{\"TableName\": \"leases\", \"Key\": " + KEY + ", \"UpdateExpression\": \"SET step = :s\", "
                + "\"ExpressionAttributeValues\": {\":s\": {\"S\": \"BAKE\"}, \":unused\": {\"S\": \"X\"}}}"))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("unused");
    }
}
