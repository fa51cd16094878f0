package io.flinkupgrade.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * CloudWatch GetMetricData and DescribeAlarms in both protocols a client may speak: AWS Query
 * (SDK 2.40.2: form-encoded request, XML response, ISO-8601 timestamps) and AWS JSON 1.0 (the AWS
 * CLI: {@code X-Amz-Target: GraniteServiceVersion20100801.<Op>}, epoch-second timestamps). A Query
 * request is first unflattened into the JSON 1.0 request shape, so both share one implementation
 * and one recorded form.
 */
final class CloudWatchProtocol {
    static final String SERVICE = "cloudwatch";
    static final String JSON_TARGET_PREFIX = "GraniteServiceVersion20100801.";
    static final String XML_NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final String ALARM_ARN_PREFIX = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:";
    private static final Set<String> STATISTICS = Set.of("Average", "Maximum", "Minimum", "Sum", "SampleCount");

    private final ApplicationModel model;
    private final ObjectMapper json;

    /** One metric query's answer. */
    private record MetricResult(String id, String label, List<Instant> timestamps, List<Double> values) {
    }

    CloudWatchProtocol(ApplicationModel model, ObjectMapper json) {
        this.model = model;
        this.json = json;
    }

    // ---- request decoding ----------------------------------------------------------------

    /** Decodes a form-encoded body into its parameters, in order. */
    static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    /**
     * Turns Query parameters ({@code A.member.1.B=x}) into the JSON request shape
     * ({@code {"A":[{"B":"x"}]}}), leaving out Action and Version.
     */
    ObjectNode unflatten(Map<String, String> params) {
        ObjectNode root = json.createObjectNode();
        for (Map.Entry<String, String> param : new TreeMap<>(params).entrySet()) {
            if (param.getKey().equals("Action") || param.getKey().equals("Version")) {
                continue;
            }
            String[] parts = param.getKey().split("\\.");
            JsonNode current = root;
            for (int i = 0; i < parts.length; i++) {
                ObjectNode object = (ObjectNode) current;
                String part = parts[i];
                if (i + 2 < parts.length && parts[i + 1].equals("member")) {
                    ArrayNode array = object.get(part) instanceof ArrayNode existing ? existing : object.putArray(part);
                    int index = Integer.parseInt(parts[i + 2]) - 1;
                    while (array.size() <= index) {
                        array.add(NullNode.getInstance());
                    }
                    if (i + 2 == parts.length - 1) {
                        array.set(index, TextNode.valueOf(param.getValue()));
                        break;
                    }
                    if (!array.get(index).isObject()) {
                        array.set(index, json.createObjectNode());
                    }
                    current = array.get(index);
                    i += 2;
                } else if (i == parts.length - 1) {
                    object.put(part, param.getValue());
                } else {
                    current = object.get(part) instanceof ObjectNode existing ? existing : object.putObject(part);
                }
            }
        }
        return root;
    }

    /** The Application dimension of the first metric query, for the call record. */
    static String applicationOf(JsonNode request) {
        for (JsonNode query : request.path("MetricDataQueries")) {
            for (JsonNode dimension : query.path("MetricStat").path("Metric").path("Dimensions")) {
                if (FlinkJobSimulator.DIMENSION.equals(dimension.path("Name").asText())) {
                    return dimension.path("Value").asText();
                }
            }
        }
        return null;
    }

    // ---- JSON 1.0 ------------------------------------------------------------------------

    JsonNode handleJson(String operation, JsonNode request) {
        ObjectNode response = json.createObjectNode();
        switch (operation) {
            case "GetMetricData" -> {
                ArrayNode results = response.putArray("MetricDataResults");
                for (MetricResult r : getMetricData(request)) {
                    ObjectNode node = results.addObject().put("Id", r.id()).put("Label", r.label());
                    ArrayNode timestamps = node.putArray("Timestamps");
                    r.timestamps().forEach(t -> timestamps.add(BigDecimal.valueOf(t.toEpochMilli(), 3)));
                    ArrayNode values = node.putArray("Values");
                    r.values().forEach(values::add);
                    node.put("StatusCode", "Complete");
                    node.putArray("Messages");
                }
                response.putArray("Messages");
            }
            case "DescribeAlarms" -> {
                ArrayNode alarms = response.putArray("MetricAlarms");
                for (ApplicationModel.AlarmState a : describeAlarms(request)) {
                    alarms.addObject()
                            .put("AlarmName", a.alarm().name())
                            .put("AlarmArn", ALARM_ARN_PREFIX + a.alarm().name())
                            .put("ActionsEnabled", true)
                            .put("StateValue", a.state())
                            .put("StateReason", a.reason())
                            .put("StateUpdatedTimestamp", BigDecimal.valueOf(a.since().toEpochMilli(), 3))
                            .put("MetricName", a.alarm().metricName())
                            .put("Namespace", FlinkJobSimulator.NAMESPACE);
                }
                response.putArray("CompositeAlarms");
            }
            default -> throw unknownAction(operation);
        }
        return response;
    }

    // ---- Query (XML) ---------------------------------------------------------------------

    String handleQuery(String operation, JsonNode request, String requestId) {
        return xml(w -> {
            w.writeStartElement(operation + "Response");
            w.writeDefaultNamespace(XML_NAMESPACE);
            w.writeStartElement(operation + "Result");
            switch (operation) {
                case "GetMetricData" -> {
                    List<MetricResult> results = getMetricData(request);
                    w.writeStartElement("MetricDataResults");
                    for (MetricResult r : results) {
                        w.writeStartElement("member");
                        element(w, "Id", r.id());
                        element(w, "Label", r.label());
                        w.writeStartElement("Timestamps");
                        for (Instant t : r.timestamps()) {
                            element(w, "member", t.toString());
                        }
                        w.writeEndElement();
                        w.writeStartElement("Values");
                        for (Double v : r.values()) {
                            element(w, "member", v.toString());
                        }
                        w.writeEndElement();
                        element(w, "StatusCode", "Complete");
                        w.writeEmptyElement("Messages");
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                    w.writeEmptyElement("Messages");
                }
                case "DescribeAlarms" -> {
                    List<ApplicationModel.AlarmState> alarms = describeAlarms(request);
                    w.writeStartElement("MetricAlarms");
                    for (ApplicationModel.AlarmState a : alarms) {
                        w.writeStartElement("member");
                        element(w, "AlarmName", a.alarm().name());
                        element(w, "AlarmArn", ALARM_ARN_PREFIX + a.alarm().name());
                        element(w, "ActionsEnabled", "true");
                        element(w, "StateValue", a.state());
                        element(w, "StateReason", a.reason());
                        element(w, "StateUpdatedTimestamp", a.since().toString());
                        element(w, "MetricName", a.alarm().metricName());
                        element(w, "Namespace", FlinkJobSimulator.NAMESPACE);
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                    w.writeEmptyElement("CompositeAlarms");
                }
                default -> throw unknownAction(operation);
            }
            w.writeEndElement();
            w.writeStartElement("ResponseMetadata");
            element(w, "RequestId", requestId);
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    /** The Query protocol's error document; Sender for 4xx, Receiver for 5xx. */
    static String queryError(EmulatorException error, String requestId) {
        return xml(w -> {
            w.writeStartElement("ErrorResponse");
            w.writeDefaultNamespace(XML_NAMESPACE);
            w.writeStartElement("Error");
            element(w, "Type", error.httpStatus() >= 500 ? "Receiver" : "Sender");
            element(w, "Code", error.code());
            element(w, "Message", error.getMessage());
            w.writeEndElement();
            element(w, "RequestId", requestId);
            w.writeEndElement();
        });
    }

    // ---- operations ----------------------------------------------------------------------

    private List<MetricResult> getMetricData(JsonNode request) {
        Instant start = timestamp(request, "StartTime");
        Instant end = timestamp(request, "EndTime");
        if (!start.isBefore(end)) {
            throw EmulatorException.client("InvalidParameterValue", "The parameter StartTime must be before EndTime");
        }
        boolean ascending = "TimestampAscending".equals(request.path("ScanBy").asText());
        JsonNode queries = request.path("MetricDataQueries");
        if (!queries.isArray() || queries.isEmpty()) {
            throw EmulatorException.client("MissingParameter", "The parameter MetricDataQueries is required");
        }
        List<MetricResult> results = new ArrayList<>();
        for (JsonNode query : queries) {
            String id = query.path("Id").asText();
            if (query.hasNonNull("Expression")) {
                throw EmulatorException.client("InvalidParameterValue",
                        "Query " + id + ": expressions are not supported by the emulator");
            }
            if (query.hasNonNull("ReturnData") && !query.path("ReturnData").asBoolean(true)) {
                continue;
            }
            results.add(metricStat(id, query, start, end, ascending));
        }
        return results;
    }

    private MetricResult metricStat(String id, JsonNode query, Instant start, Instant end, boolean ascending) {
        JsonNode stat = query.path("MetricStat");
        JsonNode metric = stat.path("Metric");
        String metricName = metric.path("MetricName").asText();
        long period = stat.path("Period").asLong(0);
        String statistic = stat.path("Stat").asText();
        if (period <= 0 || period % 60 != 0) {
            throw EmulatorException.client("InvalidParameterValue",
                    "Query " + id + ": the Period must be a positive multiple of 60 seconds");
        }
        if (!STATISTICS.contains(statistic)) {
            throw EmulatorException.client("InvalidParameterValue", "Query " + id + ": the statistic " + statistic
                    + " is not supported by the emulator (use one of " + STATISTICS + ")");
        }
        String label = query.hasNonNull("Label") ? query.path("Label").asText() : metricName;
        String application = null;
        for (JsonNode dimension : metric.path("Dimensions")) {
            if (FlinkJobSimulator.DIMENSION.equals(dimension.path("Name").asText())) {
                application = dimension.path("Value").asText();
            }
        }
        if (!FlinkJobSimulator.NAMESPACE.equals(metric.path("Namespace").asText()) || application == null) {
            return new MetricResult(id, label, List.of(), List.of());
        }
        List<FlinkJobSimulator.Sample> samples = model.find(application)
                .map(app -> FlinkJobSimulator.samples(app.runs(), metricName, start, end, model.now()))
                .orElse(List.of());
        Map<Long, List<Double>> buckets = new TreeMap<>(ascending ? Comparator.<Long>naturalOrder() : Comparator.<Long>reverseOrder());
        for (FlinkJobSimulator.Sample s : samples) {
            long bucket = Math.floorDiv(s.at().getEpochSecond(), period) * period;
            buckets.computeIfAbsent(bucket, b -> new ArrayList<>()).add(s.value());
        }
        List<Instant> timestamps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        buckets.forEach((bucket, bucketValues) -> {
            timestamps.add(Instant.ofEpochSecond(bucket));
            values.add(aggregate(statistic, bucketValues));
        });
        return new MetricResult(id, label, timestamps, values);
    }

    private static double aggregate(String statistic, List<Double> values) {
        return switch (statistic) {
            case "Maximum" -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            case "Minimum" -> values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case "Sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "SampleCount" -> values.size();
            default -> values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        };
    }

    private List<ApplicationModel.AlarmState> describeAlarms(JsonNode request) {
        List<String> names = StreamSupport.stream(request.path("AlarmNames").spliterator(), false)
                .map(JsonNode::asText).toList();
        String prefix = request.path("AlarmNamePrefix").asText("");
        String state = request.path("StateValue").asText("");
        return model.alarms().stream()
                .filter(a -> names.isEmpty() || names.contains(a.name()))
                .filter(a -> a.name().startsWith(prefix))
                .map(model::alarmState)
                .filter(a -> state.isEmpty() || a.state().equals(state))
                .toList();
    }

    // ---- helpers -------------------------------------------------------------------------

    /** Epoch seconds (JSON 1.0) or ISO-8601 (Query). */
    private static Instant timestamp(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw EmulatorException.client("MissingParameter", "The parameter " + member + " is required");
        }
        if (value.isNumber()) {
            return MsfProtocol.instant(value);
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            try {
                return MsfProtocol.instant(value);
            } catch (EmulatorException notNumeric) {
                throw EmulatorException.client("InvalidParameterValue", "The parameter " + member
                        + " must be an ISO-8601 timestamp: " + value.asText());
            }
        }
    }

    private static EmulatorException unknownAction(String operation) {
        return EmulatorException.client("InvalidAction", "The action " + operation
                + " is not valid for this web service (the emulator serves GetMetricData and DescribeAlarms)");
    }

    /** Writes XML with the JDK's StAX writer, which escapes text for us. */
    @FunctionalInterface
    private interface XmlBody {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    private static String xml(XmlBody body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter writer = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            body.write(writer);
            writer.flush();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }
}
