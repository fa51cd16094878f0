package io.flinkupgrade.health;

import io.flinkupgrade.errors.ServiceErrors;
import io.flinkupgrade.health.MetricSeries.MetricSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** The CloudWatch reads of health analysis, mapped to our records: SDK types stop here. */
final class CloudWatchReader {
    static final String NAMESPACE = "AWS/KinesisAnalytics";

    private final CloudWatchClient cloudWatch;

    CloudWatchReader(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    /** One metric to read; {@code dimensions} are matched exactly, as CloudWatch does. */
    record MetricQuery(String namespace, String metricName, Map<String, String> dimensions, String statistic) {
        MetricQuery {
            dimensions = new TreeMap<>(dimensions);
        }

        static MetricQuery application(String applicationName, String metricName, String statistic) {
            return new MetricQuery(NAMESPACE, metricName, Map.of("Application", applicationName), statistic);
        }

        /** A user's extra metric; its dimensions default to Application=&lt;applicationName&gt;. */
        static MetricQuery extra(String applicationName, HealthOptions.ExtraMetric extra) {
            return new MetricQuery(extra.namespace(), extra.metricName(),
                    extra.dimensions() == null ? Map.of("Application", applicationName) : extra.dimensions(),
                    extra.statistic());
        }
    }

    /**
     * One GetMetricData (following NextToken) for all queries over [start, end), returning one series
     * per query in query order.
     */
    List<MetricSeries> read(List<MetricQuery> queries, Instant start, Instant end, int periodSeconds) {
        List<MetricDataQuery> dataQueries = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            MetricQuery q = queries.get(i);
            dataQueries.add(MetricDataQuery.builder()
                    .id("m" + i)
                    .metricStat(MetricStat.builder()
                            .metric(Metric.builder()
                                    .namespace(q.namespace())
                                    .metricName(q.metricName())
                                    .dimensions(q.dimensions().entrySet().stream()
                                            .map(d -> Dimension.builder().name(d.getKey()).value(d.getValue()).build())
                                            .toList())
                                    .build())
                            .period(periodSeconds)
                            .stat(q.statistic())
                            .build())
                    .returnData(true)
                    .build());
        }
        Map<String, List<MetricSample>> samples = new HashMap<>();
        String token = null;
        do {
            String page = token;
            GetMetricDataResponse response = call(() -> cloudWatch.getMetricData(GetMetricDataRequest.builder()
                    .metricDataQueries(dataQueries)
                    .startTime(start)
                    .endTime(end)
                    .nextToken(page)
                    .build()), "GetMetricData");
            for (MetricDataResult result : response.metricDataResults()) {
                if (result.statusCode() == StatusCode.INTERNAL_ERROR || result.statusCode() == StatusCode.FORBIDDEN) {
                    throw new MetricReadException("GetMetricData answered " + result.statusCodeAsString() + " for "
                            + result.label(), result.statusCode() == StatusCode.INTERNAL_ERROR, null);
                }
                List<MetricSample> into = samples.computeIfAbsent(result.id(), id -> new ArrayList<>());
                for (int i = 0; i < Math.min(result.timestamps().size(), result.values().size()); i++) {
                    into.add(new MetricSample(result.timestamps().get(i), result.values().get(i)));
                }
            }
            token = response.nextToken();
        } while (token != null);

        List<MetricSeries> series = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            series.add(new MetricSeries(queries.get(i).metricName(), samples.getOrDefault("m" + i, List.of())));
        }
        return series;
    }

    /** DescribeAlarms for the names (metric and composite alarms); names it does not know are simply absent. */
    List<AlarmState> alarms(List<String> names) {
        List<AlarmState> alarms = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            DescribeAlarmsResponse response = call(() -> cloudWatch.describeAlarms(DescribeAlarmsRequest.builder()
                    .alarmNames(names)
                    .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
                    .nextToken(page)
                    .build()), "DescribeAlarms");
            for (MetricAlarm a : response.metricAlarms()) {
                alarms.add(new AlarmState(a.alarmName(), a.stateValueAsString(),
                        firstNonNull(a.stateTransitionedTimestamp(), a.stateUpdatedTimestamp())));
            }
            for (CompositeAlarm a : response.compositeAlarms()) {
                alarms.add(new AlarmState(a.alarmName(), a.stateValueAsString(),
                        firstNonNull(a.stateTransitionedTimestamp(), a.stateUpdatedTimestamp())));
            }
            token = response.nextToken();
        } while (token != null);
        return alarms;
    }

    private static Instant firstNonNull(Instant preferred, Instant fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static <T> T call(Supplier<T> call, String action) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new MetricReadException(action + " failed (" + ServiceErrors.code(e) + "): " + e.getMessage(),
                    ServiceErrors.isTransient(e), e);
        }
    }
}
