package io.flinkupgrade.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code nextToken}: DynamoDB's LastEvaluatedKey (string key attributes only: the table's and the
 * index's keys) as URL-safe Base64 JSON, handed back as ExclusiveStartKey. Opaque to callers.
 */
final class PageToken {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PageToken() {}

    static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        Map<String, String> key = new LinkedHashMap<>();
        lastEvaluatedKey.forEach((name, value) -> key.put(name, value.s()));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(key));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, AttributeValue> decode(String token) {
        try {
            Map<String, String> key = JSON.readValue(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8),
                    new TypeReference<Map<String, String>>() { });
            Map<String, AttributeValue> attributes = new LinkedHashMap<>();
            key.forEach((name, value) -> attributes.put(name, AttributeValue.fromS(value)));
            return attributes;
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw ApiException.badRequest("nextToken: not a token this API gave out");
        }
    }
}
