package io.flinkupgrade.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * CloudWatch over AWS JSON 1.0, as the AWS CLI sends it ({@code X-Amz-Target:
 * GraniteServiceVersion20100801.<Op>}, epoch-second timestamps): decodes a request into a call on
 * the {@link CloudWatchModel} and encodes the answer. The AWS SDK for Java 2.40.2 speaks Query
 * instead ({@link CloudWatchQueryCodec}).
 */
final class CloudWatchJsonCodec {
    static final String TARGET_PREFIX = "GraniteServiceVersion20100801.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final CloudWatchModel model;
    private final ObjectMapper json;

    CloudWatchJsonCodec(CloudWatchModel model, ObjectMapper json) {
        this.model = model;
        this.json = json;
    }

    JsonNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "GetMetricData" -> metricData(model.getMetricData(CloudWatchRequests.metricData(request)));
            case "GetMetricStatistics" -> statistics(model.getMetricStatistics(CloudWatchRequests.statistics(request)));
            case "ListMetrics" -> metrics(model.listMetrics(CloudWatchRequests.listMetrics(request)));
            case "DescribeAlarms" -> alarms(model.describeAlarms(CloudWatchRequests.alarms(request)));
            default -> throw CloudWatchQueryCodec.unknownAction(operation);
        };
    }

    private JsonNode metricData(List<CloudWatchModel.MetricDataResult> results) {
        ObjectNode response = json.createObjectNode();
        ArrayNode array = response.putArray("MetricDataResults");
        for (CloudWatchModel.MetricDataResult r : results) {
            ObjectNode node = array.addObject().put("Id", r.id()).put("Label", r.label());
            ArrayNode timestamps = node.putArray("Timestamps");
            r.timestamps().forEach(t -> timestamps.add(epochSeconds(t)));
            ArrayNode values = node.putArray("Values");
            r.values().forEach(values::add);
            node.put("StatusCode", "Complete");
            node.putArray("Messages");
        }
        response.putArray("Messages");
        return response;
    }

    private JsonNode statistics(CloudWatchModel.Statistics result) {
        ObjectNode response = json.createObjectNode().put("Label", result.label());
        ArrayNode datapoints = response.putArray("Datapoints");
        for (CloudWatchModel.Datapoint d : result.datapoints()) {
            ObjectNode node = datapoints.addObject().put("Timestamp", epochSeconds(d.timestamp()));
            d.statistics().forEach(node::put);
            if (!d.extended().isEmpty()) {
                ObjectNode extended = node.putObject("ExtendedStatistics");
                d.extended().forEach(extended::put);
            }
            node.put("Unit", d.unit());
        }
        return response;
    }

    private JsonNode metrics(List<CloudWatchModel.Metric> metrics) {
        ObjectNode response = json.createObjectNode();
        ArrayNode array = response.putArray("Metrics");
        for (CloudWatchModel.Metric m : metrics) {
            ObjectNode node = array.addObject().put("Namespace", m.namespace()).put("MetricName", m.metricName());
            dimensions(node, m.dimensions());
        }
        return response;
    }

    private JsonNode alarms(List<CloudWatchModel.MetricAlarm> alarms) {
        ObjectNode response = json.createObjectNode();
        ArrayNode array = response.putArray("MetricAlarms");
        for (CloudWatchModel.MetricAlarm a : alarms) {
            ObjectNode alarm = array.addObject()
                    .put("AlarmName", a.name())
                    .put("AlarmArn", a.arn())
                    .put("AlarmConfigurationUpdatedTimestamp", epochSeconds(a.configurationUpdated()))
                    .put("ActionsEnabled", true);
            alarm.putArray("OKActions");
            alarm.putArray("AlarmActions");
            alarm.putArray("InsufficientDataActions");
            alarm.put("StateValue", a.stateValue())
                    .put("StateReason", a.stateReason())
                    .put("StateUpdatedTimestamp", epochSeconds(a.stateUpdated()))
                    .put("MetricName", a.metric().metricName())
                    .put("Namespace", a.metric().namespace())
                    .put("Statistic", a.statistic());
            dimensions(alarm, a.metric().dimensions());
            alarm.put("Period", a.periodSeconds())
                    .put("EvaluationPeriods", a.evaluationPeriods())
                    .put("DatapointsToAlarm", a.datapointsToAlarm())
                    .put("Threshold", a.threshold())
                    .put("ComparisonOperator", a.comparisonOperator())
                    .put("TreatMissingData", a.treatMissingData())
                    .put("StateTransitionedTimestamp", epochSeconds(a.stateTransitioned()));
        }
        response.putArray("CompositeAlarms");
        return response;
    }

    private static void dimensions(ObjectNode node, List<CloudWatchModel.Dimension> dimensions) {
        ArrayNode array = node.putArray("Dimensions");
        dimensions.forEach(d -> array.addObject().put("Name", d.name()).put("Value", d.value()));
    }

    /** A JSON 1.0 timestamp: epoch seconds with milliseconds. */
    private static BigDecimal epochSeconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli(), 3);
    }
}
