package io.flinkupgrade.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Decodes a CloudWatch request in the JSON 1.0 shape (a JSON 1.0 body as sent, or a Query request
 * unflattened by {@link CloudWatchQueryCodec#unflatten}) into the {@link CloudWatchModel}'s request
 * records. A missing required member is MissingParameter; timestamps are epoch seconds (JSON 1.0)
 * or ISO-8601 (Query).
 */
final class CloudWatchRequests {
    private CloudWatchRequests() {
    }

    static CloudWatchModel.MetricDataRequest metricData(JsonNode request) {
        Instant start = timestamp(request, "StartTime");
        Instant end = timestamp(request, "EndTime");
        List<CloudWatchModel.MetricQuery> queries = new ArrayList<>();
        for (JsonNode query : request.path("MetricDataQueries")) {
            JsonNode stat = query.path("MetricStat");
            queries.add(new CloudWatchModel.MetricQuery(
                    query.path("Id").asText(),
                    query.hasNonNull("Label") ? query.path("Label").asText() : null,
                    !query.hasNonNull("ReturnData") || query.path("ReturnData").asBoolean(true),
                    query.hasNonNull("Expression"),
                    metric(stat.path("Metric")),
                    stat.path("Period").asLong(0),
                    stat.path("Stat").asText()));
        }
        return new CloudWatchModel.MetricDataRequest(start, end, "TimestampAscending".equals(request.path("ScanBy").asText()),
                queries);
    }

    /** GetMetricStatistics: Namespace, MetricName, StartTime, EndTime and Period are required. */
    static CloudWatchModel.StatisticsRequest statistics(JsonNode request) {
        for (String member : List.of("Namespace", "MetricName", "Period")) {
            if (request.path(member).asText().isEmpty()) {
                throw missing(member);
            }
        }
        Instant start = timestamp(request, "StartTime");
        Instant end = timestamp(request, "EndTime");
        return new CloudWatchModel.StatisticsRequest(metric(request), start, end, request.path("Period").asLong(0),
                texts(request.path("Statistics")), texts(request.path("ExtendedStatistics")),
                request.hasNonNull("Unit") ? request.path("Unit").asText() : null);
    }

    static CloudWatchModel.ListMetricsRequest listMetrics(JsonNode request) {
        return new CloudWatchModel.ListMetricsRequest(request.path("Namespace").asText(null),
                request.path("MetricName").asText(null), dimensions(request.path("Dimensions")));
    }

    static CloudWatchModel.AlarmsRequest alarms(JsonNode request) {
        String state = request.path("StateValue").asText("");
        return new CloudWatchModel.AlarmsRequest(texts(request.path("AlarmNames")),
                request.path("AlarmNamePrefix").asText(""), state.isEmpty() ? null : state,
                texts(request.path("AlarmTypes")));
    }

    /** The Application dimension of the request (GetMetricStatistics) or of its first metric query, for the journal. */
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

    private static CloudWatchModel.Metric metric(JsonNode metric) {
        return new CloudWatchModel.Metric(metric.path("Namespace").asText(), metric.path("MetricName").asText(),
                dimensions(metric.path("Dimensions")));
    }

    /** Dimensions, or dimension filters: a filter's Value may be absent (any value). */
    private static List<CloudWatchModel.Dimension> dimensions(JsonNode dimensions) {
        List<CloudWatchModel.Dimension> result = new ArrayList<>();
        for (JsonNode dimension : dimensions) {
            result.add(new CloudWatchModel.Dimension(dimension.path("Name").asText(),
                    dimension.hasNonNull("Value") ? dimension.path("Value").asText() : null));
        }
        return result;
    }

    /** Epoch seconds (JSON 1.0) or ISO-8601 (Query). */
    private static Instant timestamp(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw missing(member);
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

    private static EmulatorException missing(String member) {
        return EmulatorException.client("MissingParameter", "The parameter " + member + " is required");
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
