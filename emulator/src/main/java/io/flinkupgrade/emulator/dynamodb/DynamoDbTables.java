package io.flinkupgrade.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The tables and their items, in DynamoDB's attribute-value form ({@code {"S": "..."}},
 * {@code {"N": "..."}}). Every write is atomic: the server calls one operation at a time. Each call
 * over the wire comes in through {@link #call}, which asks the scenario's fault plan first.
 */
public final class DynamoDbTables {
    /** The fault plan's say on a DynamoDB call: throws the {@link DynamoDbException} a fault injects, if any. */
    @FunctionalInterface
    public interface Faults {
        void before(String operation);
    }

    /** A table's key schema: the partition key and the optional sort key, each a name and a scalar type. */
    public record KeySchema(String partitionKey, String partitionType, String sortKey, String sortType) {
        List<String> names() {
            return sortKey == null ? List.of(partitionKey) : List.of(partitionKey, sortKey);
        }

        String type(String name) {
            return name.equals(partitionKey) ? partitionType : sortType;
        }
    }

    /**
     * A condition and the names and values it refers to, as a request carries them; {@code usedElsewhere}:
     * the names and values the request's update expression uses, which the condition need not use.
     */
    record Condition(String expression, Map<String, String> names, Map<String, JsonNode> values, Set<String> usedElsewhere) {
        boolean holdsFor(Map<String, JsonNode> item) {
            if (expression == null) {
                if (usedElsewhere.isEmpty() && (!names.isEmpty() || !values.isEmpty())) {
                    throw DynamoDbException.validation("ExpressionAttributeNames and ExpressionAttributeValues "
                            + "can only be specified when using expressions");
                }
                Set<String> unused = new TreeSet<>(names.keySet());
                unused.addAll(values.keySet());
                unused.removeAll(usedElsewhere);
                if (!unused.isEmpty()) {
                    throw DynamoDbException.validation("Value provided in ExpressionAttributeNames or ExpressionAttributeValues "
                            + "unused in expressions: keys: " + unused);
                }
                return true;
            }
            Predicate<Map<String, JsonNode>> condition = ConditionExpression.parse(expression, names, values, usedElsewhere);
            return condition.test(item);
        }
    }

    private static final class Table {
        private final KeySchema schema;
        /** Items by their key values joined with a separator no key value contains. */
        private final Map<String, Map<String, JsonNode>> items = new TreeMap<>();

        Table(KeySchema schema) {
            this.schema = schema;
        }
    }

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Faults faults;

    public DynamoDbTables(Faults faults) {
        this.faults = faults;
    }

    /** One call of {@code operation} over the wire: the fault plan first, then the operation (the protocol's call here). */
    <T> T call(String operation, Supplier<T> body) {
        faults.before(operation);
        return body.get();
    }

    public synchronized void createTable(String name, KeySchema schema) {
        if (tables.containsKey(name)) {
            throw DynamoDbException.resourceInUse("Table already exists: " + name);
        }
        tables.put(name, new Table(schema));
    }

    public synchronized Optional<KeySchema> describeTable(String name) {
        return Optional.ofNullable(tables.get(name)).map(t -> t.schema);
    }

    /** The item under {@code key}, a copy; empty when there is none. */
    public synchronized Optional<Map<String, JsonNode>> item(String tableName, Map<String, JsonNode> key) {
        Table table = table(tableName);
        return Optional.ofNullable(table.items.get(keyOf(table, key, "key"))).map(LinkedHashMap::new);
    }

    /** Every item of the table, copies, in key order. */
    public synchronized List<Map<String, JsonNode>> items(String tableName) {
        return table(tableName).items.values().stream().<Map<String, JsonNode>>map(LinkedHashMap::new).toList();
    }

    synchronized void putItem(String tableName, Map<String, JsonNode> item, Condition condition) {
        Table table = table(tableName);
        String key = keyOf(table, item, "item");
        check(condition, table.items.get(key));
        table.items.put(key, new LinkedHashMap<>(item));
    }

    synchronized Optional<Map<String, JsonNode>> getItem(String tableName, Map<String, JsonNode> key) {
        return item(tableName, key);
    }

    synchronized void deleteItem(String tableName, Map<String, JsonNode> key, Condition condition) {
        Table table = table(tableName);
        String id = keyOf(table, key, "key");
        check(condition, table.items.get(id));
        table.items.remove(id);
    }

    /**
     * Sets the update's attributes on the item under {@code key}, creating it when there is none (as
     * DynamoDB does), if the condition holds for the item as it was.
     */
    synchronized void updateItem(String tableName, Map<String, JsonNode> key, UpdateExpression update, Condition condition) {
        Table table = table(tableName);
        String id = keyOf(table, key, "key");
        for (String attribute : update.assignments().keySet()) {
            if (table.schema.names().contains(attribute)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Cannot update attribute "
                        + attribute + ". This attribute is part of the key");
            }
        }
        Map<String, JsonNode> current = table.items.get(id);
        check(condition, current);
        Map<String, JsonNode> updated = new LinkedHashMap<>(current == null ? key : current);
        updated.putAll(update.assignments());
        table.items.put(id, updated);
    }

    private static void check(Condition condition, Map<String, JsonNode> current) {
        if (!condition.holdsFor(current == null ? Map.of() : current)) {
            throw DynamoDbException.conditionalCheckFailed();
        }
    }

    private Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw DynamoDbException.resourceNotFound();
        }
        return table;
    }

    /** The item's identity from its key attributes, which must be present and of the schema's types. */
    private static String keyOf(Table table, Map<String, JsonNode> attributes, String what) {
        StringBuilder id = new StringBuilder();
        for (String name : table.schema.names()) {
            JsonNode value = attributes.get(name);
            String type = table.schema.type(name);
            if (value == null) {
                throw DynamoDbException.validation(what.equals("item")
                        ? "One or more parameter values were invalid: Missing the key " + name + " in the item"
                        : "The provided key element does not match the schema");
            }
            if (!value.has(type)) {
                throw DynamoDbException.validation(what.equals("item")
                        ? "One or more parameter values were invalid: Type mismatch for key " + name + " expected: " + type
                        : "The provided key element does not match the schema");
            }
            id.append(value.get(type).asText()).append('\u0000');
        }
        if (what.equals("key") && attributes.size() != table.schema.names().size()) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        return id.toString();
    }
}
