package io.flinkupgrade.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DynamoDB's AWS JSON 1.0 protocol for {@link DynamoDbTables}: decodes a request body for the
 * operation named by {@code X-Amz-Target: DynamoDB_20120810.<Op>} and encodes the answer or the
 * error ({@code {"__type": ..., "message": ...}}).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html
 */
public final class DynamoDbProtocol {
    public static final String TARGET_PREFIX = "DynamoDB_20120810.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    public static final String SERVICE = "dynamodb";

    private static final Pattern PARTITION_EQUALS = Pattern.compile("\\s*(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)\\s*");

    private final DynamoDbTables tables;
    private final ObjectMapper json;

    public DynamoDbProtocol(DynamoDbTables tables, ObjectMapper json) {
        this.tables = tables;
        this.json = json;
    }

    /** The response body of {@code operation}; a {@link DynamoDbException} is the error to answer with. */
    public JsonNode handle(String operation, JsonNode request) {
        return tables.call(operation, () -> switch (operation) {
            case "CreateTable" -> createTable(request);
            case "DescribeTable" -> describeTable(request);
            case "PutItem" -> {
                tables.putItem(text(request, "TableName"), attributes(request, "Item"), condition(request));
                yield json.createObjectNode();
            }
            case "GetItem" -> {
                ObjectNode response = json.createObjectNode();
                tables.getItem(text(request, "TableName"), attributes(request, "Key"))
                        .ifPresent(item -> response.set("Item", json.valueToTree(item)));
                yield response;
            }
            case "DeleteItem" -> {
                tables.deleteItem(text(request, "TableName"), attributes(request, "Key"), condition(request));
                yield json.createObjectNode();
            }
            case "Query" -> query(request);
            case "UpdateItem" -> {
                UpdateExpression update = UpdateExpression.parse(text(request, "UpdateExpression"), names(request),
                        attributes(request, "ExpressionAttributeValues"));
                tables.updateItem(text(request, "TableName"), attributes(request, "Key"), update, condition(request, update.used()));
                yield json.createObjectNode();
            }
            default -> throw DynamoDbException.unknownOperation(operation);
        });
    }

    /** The error body DynamoDB sends. */
    public JsonNode error(DynamoDbException e) {
        return json.createObjectNode().put("__type", e.type()).put("message", e.getMessage());
    }

    /** A Query whose key condition is the partition key's equality (all the read routes need). */
    private JsonNode query(JsonNode request) {
        String tableName = text(request, "TableName");
        String indexName = request.hasNonNull("IndexName") ? request.get("IndexName").asText() : null;
        Map<String, String> names = names(request);
        Map<String, JsonNode> values = attributes(request, "ExpressionAttributeValues");
        Matcher key = PARTITION_EQUALS.matcher(text(request, "KeyConditionExpression"));
        if (!key.matches()) {
            throw DynamoDbException.unknownOperation("Query with a KeyConditionExpression other than partitionKey = :value");
        }
        String attribute = key.group(1).startsWith("#") ? names.get(key.group(1)) : key.group(1);
        JsonNode value = values.get(key.group(2));
        if (attribute == null || value == null) {
            throw DynamoDbException.validation("Invalid KeyConditionExpression: An expression attribute name or value used in expression is not defined");
        }
        JsonNode filter = request.get("FilterExpression");
        DynamoDbTables.Condition condition = new DynamoDbTables.Condition(filter == null ? null : filter.asText(), names, values,
                Set.of(key.group(1), key.group(2)));
        DynamoDbTables.QueryPage page = tables.query(tableName, indexName, attribute, value, condition,
                request.path("ScanIndexForward").asBoolean(true),
                request.hasNonNull("Limit") ? request.get("Limit").asInt() : null,
                request.has("ExclusiveStartKey") ? attributes(request, "ExclusiveStartKey") : null);
        ObjectNode response = json.createObjectNode();
        page.items().forEach(item -> response.withArray("Items").add(json.valueToTree(item)));
        if (page.items().isEmpty()) {
            response.putArray("Items");
        }
        response.put("Count", page.items().size()).put("ScannedCount", page.scannedCount());
        page.lastEvaluatedKey().ifPresent(last -> response.set("LastEvaluatedKey", json.valueToTree(last)));
        return response;
    }

    private JsonNode createTable(JsonNode request) {
        String name = text(request, "TableName");
        Map<String, String> types = new LinkedHashMap<>();
        request.path("AttributeDefinitions").forEach(d -> types.put(d.path("AttributeName").asText(), d.path("AttributeType").asText()));
        DynamoDbTables.KeySchema schema = keySchema(request.path("KeySchema"), types);
        Map<String, DynamoDbTables.KeySchema> indexes = new LinkedHashMap<>();
        request.path("GlobalSecondaryIndexes").forEach(index ->
                indexes.put(index.path("IndexName").asText(), keySchema(index.path("KeySchema"), types)));
        tables.createTable(name, schema, indexes);
        ObjectNode response = json.createObjectNode();
        response.set("TableDescription", description(name, schema));
        return response;
    }

    private static DynamoDbTables.KeySchema keySchema(JsonNode keySchema, Map<String, String> types) {
        String partition = null;
        String sort = null;
        for (JsonNode element : keySchema) {
            String attribute = element.path("AttributeName").asText();
            if (!types.containsKey(attribute)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: "
                        + "Some index key attributes are not defined in AttributeDefinitions");
            }
            if ("HASH".equals(element.path("KeyType").asText())) {
                partition = attribute;
            } else {
                sort = attribute;
            }
        }
        if (partition == null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: No Hash Key specified in schema");
        }
        return new DynamoDbTables.KeySchema(partition, types.get(partition), sort, sort == null ? null : types.get(sort));
    }

    private JsonNode describeTable(JsonNode request) {
        String name = text(request, "TableName");
        DynamoDbTables.KeySchema schema = tables.describeTable(name).orElseThrow(DynamoDbException::resourceNotFound);
        ObjectNode response = json.createObjectNode();
        response.set("Table", description(name, schema));
        return response;
    }

    /** A table is ACTIVE as soon as it exists: nothing here is provisioned. */
    private ObjectNode description(String name, DynamoDbTables.KeySchema schema) {
        ObjectNode table = json.createObjectNode().put("TableName", name).put("TableStatus", "ACTIVE");
        table.putArray("KeySchema").addObject().put("AttributeName", schema.partitionKey()).put("KeyType", "HASH");
        if (schema.sortKey() != null) {
            table.withArray("KeySchema").addObject().put("AttributeName", schema.sortKey()).put("KeyType", "RANGE");
        }
        return table;
    }

    private static DynamoDbTables.Condition condition(JsonNode request) {
        return condition(request, Set.of());
    }

    private static DynamoDbTables.Condition condition(JsonNode request, Set<String> usedElsewhere) {
        JsonNode expression = request.get("ConditionExpression");
        return new DynamoDbTables.Condition(expression == null ? null : expression.asText(), names(request),
                attributes(request, "ExpressionAttributeValues"), usedElsewhere);
    }

    private static Map<String, String> names(JsonNode request) {
        Map<String, String> names = new LinkedHashMap<>();
        request.path("ExpressionAttributeNames").fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        return names;
    }

    private static Map<String, JsonNode> attributes(JsonNode request, String field) {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.path(field).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            attributes.put(entry.getKey(), entry.getValue());
        }
        return attributes;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual()) {
            throw DynamoDbException.validation("1 validation error detected: Value null at '" + Character.toLowerCase(field.charAt(0))
                    + field.substring(1) + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }
}
