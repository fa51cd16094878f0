package io.flinkupgrade.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
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
        /** Global secondary indexes by name (projection ALL). */
        private final Map<String, KeySchema> indexes;
        /** Items by their key values joined with a separator no key value contains. */
        private final Map<String, Map<String, JsonNode>> items = new TreeMap<>();

        Table(KeySchema schema, Map<String, KeySchema> indexes) {
            this.schema = schema;
            this.indexes = Map.copyOf(indexes);
        }
    }

    /** A page of a Query: the items and, when the Limit stopped it before the end, the key to start after. */
    public record QueryPage(List<Map<String, JsonNode>> items, int scannedCount, Optional<Map<String, JsonNode>> lastEvaluatedKey) {}

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
        createTable(name, schema, Map.of());
    }

    /** A table with global secondary indexes, each projecting every attribute. */
    public synchronized void createTable(String name, KeySchema schema, Map<String, KeySchema> indexes) {
        if (tables.containsKey(name)) {
            throw DynamoDbException.resourceInUse("Table already exists: " + name);
        }
        tables.put(name, new Table(schema, indexes));
    }

    /** The table's global secondary indexes by name. */
    synchronized Map<String, KeySchema> indexes(String name) {
        return table(name).indexes;
    }

    /**
     * The items of one partition of the table or of its index {@code indexName} (sparse: only items that
     * have the index's key attributes), in sort key order (reversed unless {@code forward}), after
     * {@code startAfter}; {@code limit} items are read before {@code filter} drops any, as DynamoDB counts them.
     * Items with equal index sort keys follow in table key order (INFERRED: DynamoDB documents no order for them).
     * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.html
     */
    synchronized QueryPage query(String tableName, String indexName, String partitionKey, JsonNode partitionValue,
            Condition filter, boolean forward, Integer limit, Map<String, JsonNode> startAfter) {
        Table table = table(tableName);
        KeySchema keys = indexName == null ? table.schema : table.indexes.get(indexName);
        if (keys == null) {
            throw DynamoDbException.validation("The table does not have the specified index: " + indexName);
        }
        if (!keys.partitionKey().equals(partitionKey)) {
            throw DynamoDbException.validation("Query condition missed key schema element: " + keys.partitionKey());
        }
        Comparator<Map<String, JsonNode>> bySortKey = Comparator.comparing(item -> keys.sortKey() == null ? "" : sortValue(item.get(keys.sortKey())));
        Comparator<Map<String, JsonNode>> order = bySortKey.thenComparing(item -> keyOf(table, item, "item"));
        List<Map<String, JsonNode>> partition = table.items.values().stream()
                .filter(item -> keys.names().stream().allMatch(item::containsKey))
                .filter(item -> item.get(keys.partitionKey()).equals(partitionValue))
                .sorted(forward ? order : order.reversed())
                .toList();
        int from = 0;
        if (startAfter != null && !startAfter.isEmpty()) {
            String start = keyOf(table, startAfter, "start");
            from = partition.size();
            for (int i = 0; i < partition.size(); i++) {
                if (keyOf(table, partition.get(i), "item").equals(start)) {
                    from = i + 1;
                    break;
                }
            }
        }
        int to = limit == null ? partition.size() : Math.min(partition.size(), from + limit);
        List<Map<String, JsonNode>> scanned = partition.subList(from, to);
        Optional<Map<String, JsonNode>> last = Optional.empty();
        if (to < partition.size() && !scanned.isEmpty()) {
            Map<String, JsonNode> lastItem = scanned.get(scanned.size() - 1);
            Map<String, JsonNode> key = new LinkedHashMap<>();
            table.schema.names().forEach(name -> key.put(name, lastItem.get(name)));
            keys.names().forEach(name -> key.put(name, lastItem.get(name)));
            last = Optional.of(key);
        }
        List<Map<String, JsonNode>> items = scanned.stream().filter(filter::holdsFor).<Map<String, JsonNode>>map(LinkedHashMap::new).toList();
        return new QueryPage(items, scanned.size(), last);
    }

    /** A sort key value as a string that orders as DynamoDB orders it: S by code points (INFERRED enough for ISO times and names). */
    private static String sortValue(JsonNode value) {
        return value.has("S") ? value.get("S").asText() : value.toString();
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
        if (what.equals("start")) {
            return id.toString();
        }
        if (what.equals("key") && attributes.size() != table.schema.names().size()) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        return id.toString();
    }
}
