package io.flinkupgrade.emulator;

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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * CloudWatch GetMetricData, GetMetricStatistics, ListMetrics and DescribeAlarms in both protocols a client may speak: AWS Query
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
    /** A percentile statistic, "between p0.0 and p100" (model doc of ExtendedStatistics). */
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(?:\\.\\d+)?)");
    /** "The maximum number of data points returned from a single call is 1,440" (GetMetricStatistics model doc). */
    private static final long MAX_DATAPOINTS = 1440;

    private final ApplicationModel model;
    private final ObjectMapper json;

    /** One metric query's answer. */
    private record MetricResult(String id, String label, List<Instant> timestamps, List<Double> values) {
    }

    /** The values of one metric in one period starting at {@code start}. */
    private record Bucket(Instant start, List<Double> values) {
    }

    /** GetMetricStatistics' answer. */
    private record Statistics(String label, List<Datapoint> datapoints) {
    }

    /** One GetMetricStatistics data point: the standard statistics asked for, and the percentiles. */
    private record Datapoint(Instant timestamp, Map<String, Double> statistics, Map<String, Double> extended, String unit) {
    }

    /** One metric ListMetrics lists: an AWS/KinesisAnalytics metric with its Application dimension. */
    private record ListedMetric(String application, String metricName) {
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

    /** The Application dimension of the request (GetMetricStatistics) or of its first metric query, for the call record. */
    static String applicationOf(JsonNode request) {
        List<JsonNode> dimensionLists = new ArrayList<>();
        dimensionLists.add(request.path("Dimensions"));
        request.path("MetricDataQueries").forEach(query -> dimensionLists.add(query.path("MetricStat").path("Metric")
                .path("Dimensions")));
        for (JsonNode dimensions : dimensionLists) {
            for (JsonNode dimension : dimensions) {
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
                    r.timestamps().forEach(t -> timestamps.add(epochSeconds(t)));
                    ArrayNode values = node.putArray("Values");
                    r.values().forEach(values::add);
                    node.put("StatusCode", "Complete");
                    node.putArray("Messages");
                }
                response.putArray("Messages");
            }
            case "GetMetricStatistics" -> {
                Statistics result = getMetricStatistics(request);
                response.put("Label", result.label());
                ArrayNode datapoints = response.putArray("Datapoints");
                for (Datapoint d : result.datapoints()) {
                    ObjectNode node = datapoints.addObject().put("Timestamp", epochSeconds(d.timestamp()));
                    d.statistics().forEach(node::put);
                    if (!d.extended().isEmpty()) {
                        ObjectNode extended = node.putObject("ExtendedStatistics");
                        d.extended().forEach(extended::put);
                    }
                    node.put("Unit", d.unit());
                }
            }
            case "ListMetrics" -> {
                ArrayNode metrics = response.putArray("Metrics");
                for (ListedMetric m : listMetrics(request)) {
                    ObjectNode node = metrics.addObject().put("Namespace", FlinkJobSimulator.NAMESPACE)
                            .put("MetricName", m.metricName());
                    node.putArray("Dimensions").addObject()
                            .put("Name", FlinkJobSimulator.DIMENSION).put("Value", m.application());
                }
            }
            case "DescribeAlarms" -> {
                ArrayNode alarms = response.putArray("MetricAlarms");
                for (ApplicationModel.AlarmState a : describeAlarms(request)) {
                    ScenarioSpec.AlarmSpec spec = a.alarm();
                    ObjectNode alarm = alarms.addObject()
                            .put("AlarmName", spec.name())
                            .put("AlarmArn", model.alarmArn(spec))
                            .put("AlarmConfigurationUpdatedTimestamp", epochSeconds(model.alarmsConfigured()))
                            .put("ActionsEnabled", true);
                    alarm.putArray("OKActions");
                    alarm.putArray("AlarmActions");
                    alarm.putArray("InsufficientDataActions");
                    alarm.put("StateValue", a.state())
                            .put("StateReason", a.reason())
                            .put("StateUpdatedTimestamp", epochSeconds(a.since()))
                            .put("MetricName", spec.metricName())
                            .put("Namespace", FlinkJobSimulator.NAMESPACE)
                            .put("Statistic", spec.statistic());
                    ArrayNode dimensions = alarm.putArray("Dimensions");
                    model.dimensions(spec).forEach((name, value) -> dimensions.addObject().put("Name", name).put("Value", value));
                    alarm.put("Period", spec.periodSeconds())
                            .put("EvaluationPeriods", spec.evaluationPeriods())
                            .put("DatapointsToAlarm", spec.evaluationPeriods())
                            .put("Threshold", spec.threshold())
                            .put("ComparisonOperator", spec.comparisonOperator())
                            .put("TreatMissingData", "missing")
                            .put("StateTransitionedTimestamp", epochSeconds(a.transitioned()));
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
                case "GetMetricStatistics" -> {
                    Statistics result = getMetricStatistics(request);
                    element(w, "Label", result.label());
                    w.writeStartElement("Datapoints");
                    for (Datapoint d : result.datapoints()) {
                        w.writeStartElement("member");
                        element(w, "Timestamp", d.timestamp().toString());
                        for (Map.Entry<String, Double> statistic : d.statistics().entrySet()) {
                            element(w, statistic.getKey(), statistic.getValue().toString());
                        }
                        if (!d.extended().isEmpty()) {
                            // A Query-protocol map: entry/key/value.
                            w.writeStartElement("ExtendedStatistics");
                            for (Map.Entry<String, Double> percentile : d.extended().entrySet()) {
                                w.writeStartElement("entry");
                                element(w, "key", percentile.getKey());
                                element(w, "value", percentile.getValue().toString());
                                w.writeEndElement();
                            }
                            w.writeEndElement();
                        }
                        element(w, "Unit", d.unit());
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                }
                case "ListMetrics" -> {
                    w.writeStartElement("Metrics");
                    for (ListedMetric m : listMetrics(request)) {
                        w.writeStartElement("member");
                        element(w, "Namespace", FlinkJobSimulator.NAMESPACE);
                        element(w, "MetricName", m.metricName());
                        w.writeStartElement("Dimensions");
                        w.writeStartElement("member");
                        element(w, "Name", FlinkJobSimulator.DIMENSION);
                        element(w, "Value", m.application());
                        w.writeEndElement();
                        w.writeEndElement();
                        w.writeEndElement();
                    }
                    w.writeEndElement();
                }
                case "DescribeAlarms" -> {
                    List<ApplicationModel.AlarmState> alarms = describeAlarms(request);
                    w.writeStartElement("MetricAlarms");
                    for (ApplicationModel.AlarmState a : alarms) {
                        ScenarioSpec.AlarmSpec spec = a.alarm();
                        w.writeStartElement("member");
                        element(w, "AlarmName", spec.name());
                        element(w, "AlarmArn", model.alarmArn(spec));
                        element(w, "AlarmConfigurationUpdatedTimestamp", model.alarmsConfigured().toString());
                        element(w, "ActionsEnabled", "true");
                        w.writeEmptyElement("OKActions");
                        w.writeEmptyElement("AlarmActions");
                        w.writeEmptyElement("InsufficientDataActions");
                        element(w, "StateValue", a.state());
                        element(w, "StateReason", a.reason());
                        element(w, "StateUpdatedTimestamp", a.since().toString());
                        element(w, "MetricName", spec.metricName());
                        element(w, "Namespace", FlinkJobSimulator.NAMESPACE);
                        element(w, "Statistic", spec.statistic());
                        w.writeStartElement("Dimensions");
                        for (Map.Entry<String, String> dimension : model.dimensions(spec).entrySet()) {
                            w.writeStartElement("member");
                            element(w, "Name", dimension.getKey());
                            element(w, "Value", dimension.getValue());
                            w.writeEndElement();
                        }
                        w.writeEndElement();
                        element(w, "Period", spec.periodSeconds().toString());
                        element(w, "EvaluationPeriods", spec.evaluationPeriods().toString());
                        element(w, "DatapointsToAlarm", spec.evaluationPeriods().toString());
                        element(w, "Threshold", spec.threshold().toString());
                        element(w, "ComparisonOperator", spec.comparisonOperator());
                        element(w, "TreatMissingData", "missing");
                        element(w, "StateTransitionedTimestamp", a.transitioned().toString());
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

    /*
     * Error codes: GetMetricData and DescribeAlarms declare only InvalidNextToken, but a request
     * CloudWatch cannot serve is refused with InvalidParameterValue, MissingParameter or
     * InvalidParameterCombination, CloudWatch's common errors of every action
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html), which
     * GetMetricStatistics also declares.
     */

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
        if (!STATISTICS.contains(statistic) && percentile(statistic) == null) {
            throw EmulatorException.client("InvalidParameterValue", "Query " + id + ": the statistic " + statistic
                    + " is not supported by the emulator (use one of " + STATISTICS + " or a percentile p0.0 to p100)");
        }
        String label = query.hasNonNull("Label") ? query.path("Label").asText() : metricName;
        List<Bucket> buckets = buckets(metric.path("Namespace").asText(), metricName, metric.path("Dimensions"),
                start, end, period);
        if (!ascending) {
            Collections.reverse(buckets);
        }
        List<Instant> timestamps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Bucket bucket : buckets) {
            Double value = aggregate(statistic, bucket.values());
            // A percentile CloudWatch cannot compute leaves the period out (see aggregate).
            if (value != null) {
                timestamps.add(bucket.start());
                values.add(value);
            }
        }
        return new MetricResult(id, label, timestamps, values);
    }

    /**
     * GetMetricStatistics (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html):
     * Namespace, MetricName, StartTime, EndTime and Period required; "either Statistics or
     * ExtendedStatistics, but not both"; at most 1,440 data points; a Unit other than the metric's
     * returns nothing ("CloudWatch does not perform unit conversions").
     */
    private Statistics getMetricStatistics(JsonNode request) {
        for (String member : List.of("Namespace", "MetricName", "Period")) {
            if (request.path(member).asText().isEmpty()) {
                throw EmulatorException.client("MissingParameter", "The parameter " + member + " is required");
            }
        }
        Instant start = timestamp(request, "StartTime");
        Instant end = timestamp(request, "EndTime");
        if (!start.isBefore(end)) {
            throw EmulatorException.client("InvalidParameterValue", "The parameter StartTime must be before EndTime");
        }
        long period = request.path("Period").asLong(0);
        if (period <= 0 || period % 60 != 0) {
            throw EmulatorException.client("InvalidParameterValue", "The parameter Period must be a multiple of 60");
        }
        List<String> statistics = texts(request.path("Statistics"));
        List<String> extended = texts(request.path("ExtendedStatistics"));
        if (statistics.isEmpty() == extended.isEmpty()) {
            throw EmulatorException.client("InvalidParameterCombination",
                    "Exactly one of the parameters Statistics and ExtendedStatistics must be specified");
        }
        for (String statistic : statistics) {
            if (!STATISTICS.contains(statistic)) {
                throw EmulatorException.client("InvalidParameterValue", "The parameter Statistics contains " + statistic
                        + "; valid values are " + STATISTICS);
            }
        }
        for (String percentile : extended) {
            if (percentile(percentile) == null) {
                throw EmulatorException.client("InvalidParameterValue", "The parameter ExtendedStatistics contains "
                        + percentile + "; the emulator serves percentiles p0.0 to p100");
            }
        }
        long points = (Duration.between(start, end).getSeconds() + period - 1) / period;
        if (points > MAX_DATAPOINTS) {
            throw EmulatorException.client("InvalidParameterCombination", "You have requested up to " + points
                    + " datapoints, which exceeds the limit of " + MAX_DATAPOINTS);
        }
        String metricName = request.path("MetricName").asText();
        String unit = FlinkJobSimulator.UNITS.getOrDefault(metricName, "None");
        List<Datapoint> datapoints = new ArrayList<>();
        boolean unitMatches = !request.hasNonNull("Unit") || request.path("Unit").asText().equals(unit);
        if (unitMatches) {
            for (Bucket bucket : buckets(request.path("Namespace").asText(), metricName, request.path("Dimensions"),
                    start, end, period)) {
                Map<String, Double> values = new LinkedHashMap<>();
                statistics.forEach(statistic -> values.put(statistic, aggregate(statistic, bucket.values())));
                Map<String, Double> percentiles = new LinkedHashMap<>();
                for (String percentile : extended) {
                    Double value = aggregate(percentile, bucket.values());
                    if (value != null) {
                        percentiles.put(percentile, value);
                    }
                }
                datapoints.add(new Datapoint(bucket.start(), values, percentiles, unit));
            }
        }
        return new Statistics(metricName, datapoints);
    }

    /**
     * ListMetrics (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html):
     * the AWS/KinesisAnalytics metrics each application's job runs have published, filtered by an
     * exact Namespace, MetricName and dimension filters ("Only the dimension with names that match
     * exactly will be returned"). INFERRED: one page (the emulator has far fewer than 500 metrics),
     * sorted by application and name, and RecentlyActive is not applied.
     */
    private List<ListedMetric> listMetrics(JsonNode request) {
        String namespace = request.path("Namespace").asText(null);
        String metricName = request.path("MetricName").asText(null);
        List<ListedMetric> metrics = new ArrayList<>();
        if (namespace != null && !namespace.equals(FlinkJobSimulator.NAMESPACE)) {
            return metrics;
        }
        for (EmulatedApplication app : model.applications()) {
            Map<String, String> dimensions = Map.of(FlinkJobSimulator.DIMENSION, app.name());
            boolean matches = true;
            for (JsonNode filter : request.path("Dimensions")) {
                String value = dimensions.get(filter.path("Name").asText());
                matches &= value != null && (!filter.hasNonNull("Value") || filter.path("Value").asText().equals(value));
            }
            if (!matches) {
                continue;
            }
            for (String name : FlinkJobSimulator.published(app.runs())) {
                if (metricName == null || metricName.equals(name)) {
                    metrics.add(new ListedMetric(app.name(), name));
                }
            }
        }
        return metrics;
    }

    /**
     * The samples of one metric in [start, end), grouped into periods, oldest first. Only the
     * AWS/KinesisAnalytics metrics of an application (dimension Application, matched exactly as
     * CloudWatch matches dimensions) have data.
     */
    private List<Bucket> buckets(String namespace, String metricName, JsonNode dimensions, Instant start, Instant end,
            long period) {
        String application = null;
        int count = 0;
        for (JsonNode dimension : dimensions) {
            count++;
            if (FlinkJobSimulator.DIMENSION.equals(dimension.path("Name").asText())) {
                application = dimension.path("Value").asText();
            }
        }
        if (!FlinkJobSimulator.NAMESPACE.equals(namespace) || application == null || count != 1) {
            return new ArrayList<>();
        }
        List<FlinkJobSimulator.Sample> samples = model.find(application)
                .map(app -> FlinkJobSimulator.samples(app.runs(), metricName, start, end, model.now()))
                .orElse(List.of());
        Map<Long, List<Double>> grouped = new TreeMap<>();
        for (FlinkJobSimulator.Sample sample : samples) {
            long bucket = Math.floorDiv(sample.at().getEpochSecond(), period) * period;
            grouped.computeIfAbsent(bucket, b -> new ArrayList<>()).add(sample.value());
        }
        List<Bucket> buckets = new ArrayList<>();
        grouped.forEach((bucket, values) -> buckets.add(new Bucket(Instant.ofEpochSecond(bucket), values)));
        return buckets;
    }

    /**
     * One statistic of a period's values. A percentile is the nearest-rank value (INFERRED: CloudWatch
     * does not document its method); "percentile statistics are not available for metrics when any
     * of the metric values are negative numbers" (GetMetricStatistics model doc), so then null.
     */
    private static Double aggregate(String statistic, List<Double> values) {
        Double percentile = percentile(statistic);
        if (percentile != null) {
            if (values.stream().anyMatch(v -> v < 0)) {
                return null;
            }
            List<Double> sorted = values.stream().sorted().toList();
            int rank = (int) Math.ceil(percentile / 100 * sorted.size());
            return sorted.get(Math.max(1, Math.min(rank, sorted.size())) - 1);
        }
        return switch (statistic) {
            case "Maximum" -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            case "Minimum" -> values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case "Sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "SampleCount" -> (double) values.size();
            default -> values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        };
    }

    /** The percentile of {@code pNN} or {@code pNN.NN} between 0 and 100, else null. */
    private static Double percentile(String statistic) {
        Matcher matcher = PERCENTILE.matcher(statistic);
        if (!matcher.matches()) {
            return null;
        }
        double value = Double.parseDouble(matcher.group(1));
        return value <= 100 ? value : null;
    }

    /**
     * DescribeAlarms by AlarmNames, AlarmNamePrefix, StateValue and AlarmTypes; every alarm here is
     * a metric alarm, so asking for composite alarms only finds none.
     */
    private List<ApplicationModel.AlarmState> describeAlarms(JsonNode request) {
        List<String> names = texts(request.path("AlarmNames"));
        List<String> types = texts(request.path("AlarmTypes"));
        String prefix = request.path("AlarmNamePrefix").asText("");
        String state = request.path("StateValue").asText("");
        if (!types.isEmpty() && !types.contains("MetricAlarm")) {
            return List.of();
        }
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
        return EmulatorException.client("InvalidAction", "The action " + operation + " is not valid for this web service"
                + " (the emulator serves GetMetricData, GetMetricStatistics, ListMetrics and DescribeAlarms)");
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** A JSON 1.0 timestamp: epoch seconds with milliseconds. */
    private static BigDecimal epochSeconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli(), 3);
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
