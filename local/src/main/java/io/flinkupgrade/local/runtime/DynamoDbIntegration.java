package io.flinkupgrade.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.TaskFailedException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Step Functions' optimized DynamoDB integrations ({@code arn:aws:states:::dynamodb:putItem},
 * {@code getItem}, {@code deleteItem}, {@code updateItem}) through the real AWS SDK client, over HTTP to the endpoint
 * given (the emulator's embedded DynamoDB, or any DynamoDB-compatible one). Errors are reported as
 * Step Functions reports them for this integration: {@code DynamoDB.} + the service's error code,
 * e.g. {@code DynamoDB.ConditionalCheckFailedException}
 * (https://aws.amazon.com/blogs/compute/controlling-concurrency-in-distributed-systems-using-aws-step-functions/
 * catches exactly that name). The client does not retry: the ASL's Retry does, as in AWS.
 */
final class DynamoDbIntegration implements AutoCloseable {
    static final String PUT_ITEM = "arn:aws:states:::dynamodb:putItem";
    static final String GET_ITEM = "arn:aws:states:::dynamodb:getItem";
    static final String DELETE_ITEM = "arn:aws:states:::dynamodb:deleteItem";
    static final String UPDATE_ITEM = "arn:aws:states:::dynamodb:updateItem";

    private static final Set<String> CONDITION_FIELDS =
            Set.of("TableName", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final DynamoDbClient client;

    /** Requests go to {@code endpoint} through {@code httpClient}, which the caller closes ({@link SessionClients}). */
    DynamoDbIntegration(URI endpoint, SdkHttpClient httpClient) {
        this.client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(httpClient)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static boolean serves(String resource) {
        return resource.equals(PUT_ITEM) || resource.equals(GET_ITEM) || resource.equals(DELETE_ITEM) || resource.equals(UPDATE_ITEM);
    }

    JsonNode invoke(String resource, JsonNode arguments) {
        try {
            return switch (resource) {
                case PUT_ITEM -> {
                    allow(arguments, "Item");
                    client.putItem(PutItemRequest.builder()
                            .tableName(text(arguments, "TableName"))
                            .item(attributes(arguments.get("Item")))
                            .conditionExpression(optionalText(arguments, "ConditionExpression"))
                            .expressionAttributeNames(names(arguments))
                            .expressionAttributeValues(values(arguments))
                            .build());
                    yield JSON.objectNode();
                }
                case GET_ITEM -> {
                    allow(arguments, "Key", "ConsistentRead");
                    GetItemResponse response = client.getItem(GetItemRequest.builder()
                            .tableName(text(arguments, "TableName"))
                            .key(attributes(arguments.get("Key")))
                            .consistentRead(arguments.path("ConsistentRead").asBoolean(false))
                            .build());
                    ObjectNode result = JSON.objectNode();
                    if (response.hasItem()) {
                        result.set("Item", json(response.item()));
                    }
                    yield result;
                }
                case DELETE_ITEM -> {
                    allow(arguments, "Key");
                    client.deleteItem(DeleteItemRequest.builder()
                            .tableName(text(arguments, "TableName"))
                            .key(attributes(arguments.get("Key")))
                            .conditionExpression(optionalText(arguments, "ConditionExpression"))
                            .expressionAttributeNames(names(arguments))
                            .expressionAttributeValues(values(arguments))
                            .build());
                    yield JSON.objectNode();
                }
                case UPDATE_ITEM -> {
                    allow(arguments, "Key", "UpdateExpression");
                    client.updateItem(UpdateItemRequest.builder()
                            .tableName(text(arguments, "TableName"))
                            .key(attributes(arguments.get("Key")))
                            .updateExpression(text(arguments, "UpdateExpression"))
                            .conditionExpression(optionalText(arguments, "ConditionExpression"))
                            .expressionAttributeNames(names(arguments))
                            .expressionAttributeValues(values(arguments))
                            .build());
                    yield JSON.objectNode();
                }
                default -> throw new IllegalArgumentException("not a DynamoDB integration: " + resource);
            };
        } catch (DynamoDbException e) {
            String code = e.awsErrorDetails() == null ? "AmazonDynamoDBException" : e.awsErrorDetails().errorCode();
            throw new TaskFailedException("DynamoDB." + code, e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
        } catch (SdkClientException e) {
            // INFERRED: AWS does not document what its integration reports when DynamoDB cannot be reached.
            throw new TaskFailedException("DynamoDB.SdkClientException", e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Fields the local integration does not pass on fail the task rather than being dropped silently. */
    private static void allow(JsonNode arguments, String... fields) {
        Set<String> allowed = new HashSet<>(CONDITION_FIELDS);
        allowed.addAll(Set.of(fields));
        for (Iterator<String> it = arguments.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new TaskFailedException("States.Runtime", "the local DynamoDB integration does not support the field " + field);
            }
        }
    }

    private static String text(JsonNode arguments, String field) {
        JsonNode value = arguments.get(field);
        if (value == null || !value.isTextual()) {
            throw new TaskFailedException("States.Runtime", "the integration's Arguments lack " + field);
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode arguments, String field) {
        return arguments.has(field) ? text(arguments, field) : null;
    }

    private static Map<String, String> names(JsonNode arguments) {
        if (!arguments.has("ExpressionAttributeNames")) {
            return null;
        }
        Map<String, String> names = new LinkedHashMap<>();
        arguments.get("ExpressionAttributeNames").fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        return names;
    }

    private static Map<String, AttributeValue> values(JsonNode arguments) {
        return arguments.has("ExpressionAttributeValues") ? attributes(arguments.get("ExpressionAttributeValues")) : null;
    }

    private static Map<String, AttributeValue> attributes(JsonNode map) {
        if (map == null || !map.isObject()) {
            throw new TaskFailedException("States.Runtime", "expected a map of attribute values, got " + map);
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> attributes.put(e.getKey(), attribute(e.getValue())));
        return attributes;
    }

    /** One attribute value in DynamoDB JSON ({@code {"S": "..."}}); the types the workflow writes, and their containers. */
    private static AttributeValue attribute(JsonNode value) {
        if (value.size() == 1) {
            Map.Entry<String, JsonNode> typed = value.fields().next();
            JsonNode v = typed.getValue();
            switch (typed.getKey()) {
                case "S": if (v.isTextual()) { return AttributeValue.fromS(v.textValue()); } break;
                case "N": if (v.isTextual()) { return AttributeValue.fromN(v.textValue()); } break;
                case "BOOL": if (v.isBoolean()) { return AttributeValue.fromBool(v.booleanValue()); } break;
                case "NULL": if (v.isBoolean()) { return AttributeValue.fromNul(v.booleanValue()); } break;
                case "B": if (v.isTextual()) { return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.textValue()))); } break;
                case "M": return AttributeValue.fromM(attributes(v));
                case "L": {
                    List<AttributeValue> list = new ArrayList<>();
                    v.forEach(element -> list.add(attribute(element)));
                    return AttributeValue.fromL(list);
                }
                default: break;
            }
        }
        throw new TaskFailedException("States.Runtime", "not a DynamoDB attribute value: " + value);
    }

    private static ObjectNode json(Map<String, AttributeValue> attributes) {
        ObjectNode node = JSON.objectNode();
        attributes.forEach((name, value) -> node.set(name, json(value)));
        return node;
    }

    private static JsonNode json(AttributeValue value) {
        ObjectNode node = JSON.objectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case B -> node.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case M -> node.set("M", json(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(element -> list.add(json(element)));
            }
            default -> throw new TaskFailedException("States.Runtime", "the local integration does not read " + value.type() + " attributes");
        }
        return node;
    }
}
