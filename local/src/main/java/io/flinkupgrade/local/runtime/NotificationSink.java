package io.flinkupgrade.local.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.engine.TaskFailedException;
import io.flinkupgrade.wiring.TaskJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Where Step Functions' sns:publish and events:putEvents go locally: recorded, and shown by the CLI. */
public final class NotificationSink {
    /** One published message: the channel (SNS or EventBridge), its headline, and the payload. */
    public record Notification(Instant at, String channel, String title, JsonNode payload) {}

    private final List<Notification> published = new ArrayList<>();
    private final Consumer<Notification> listener;

    public NotificationSink(Consumer<Notification> listener) {
        this.listener = listener;
    }

    public List<Notification> published() {
        return List.copyOf(published);
    }

    JsonNode publish(JsonNode arguments, Instant at) {
        require(arguments, "TopicArn");
        require(arguments, "Message");
        JsonNode message = parseIfJson(arguments.get("Message").asText());
        record(new Notification(at, "SNS " + arguments.get("TopicArn").asText(), arguments.path("Subject").asText(""), message));
        ObjectNode result = TaskJson.mapper().createObjectNode();
        result.put("MessageId", "local-" + published.size());
        return result;
    }

    JsonNode putEvents(JsonNode arguments, Instant at) {
        JsonNode entries = arguments.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new TaskFailedException("EventBridge.ValidationException", "Entries must be a non-empty list");
        }
        ObjectNode result = TaskJson.mapper().createObjectNode();
        for (JsonNode entry : entries) {
            require(entry, "Source");
            require(entry, "DetailType");
            record(new Notification(at, "EventBridge " + entry.path("EventBusName").asText("default"),
                    entry.get("DetailType").asText(), entry.path("Detail")));
            result.withArray("Entries").addObject().put("EventId", "local-" + published.size());
        }
        result.put("FailedEntryCount", 0);
        return result;
    }

    private void record(Notification notification) {
        published.add(notification);
        listener.accept(notification);
    }

    private static void require(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw new TaskFailedException("States.Runtime", "the integration's Arguments lack " + field);
        }
    }

    private static JsonNode parseIfJson(String text) {
        try {
            return TaskJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return TaskJson.mapper().getNodeFactory().textNode(text);
        }
    }
}
