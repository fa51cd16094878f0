package io.flinkupgrade.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudWatch as the emulated account shows it: the metrics the simulated Flink jobs publish
 * (GetMetricData, GetMetricStatistics, ListMetrics) and the scenario's alarms (DescribeAlarms).
 * Requests and answers are records; {@link CloudWatchJsonCodec} and {@link CloudWatchQueryCodec}
 * only decode them from and encode them to the two wire protocols.
 *
 * <p>Error codes: GetMetricData and DescribeAlarms declare only InvalidNextToken, but a request
 * CloudWatch cannot serve is refused with InvalidParameterValue, MissingParameter or
 * InvalidParameterCombination, CloudWatch's common errors of every action
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html), which
 * GetMetricStatistics also declares.
 */
final class CloudWatchModel {
    private static final Set<String> STATISTICS = Set.of("Average", "Maximum", "Minimum", "Sum", "SampleCount");
    /** A percentile statistic, "between p0.0 and p100" (model doc of ExtendedStatistics). */
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(?:\\.\\d+)?)");
    /** "The maximum number of data points returned from a single call is 1,440" (GetMetricStatistics model doc). */
    private static final long MAX_DATAPOINTS = 1440;

    /** A metric's dimension; in a ListMetrics filter {@code value} may be null (any value). */
    record Dimension(String name, String value) {
    }

    /** A metric: namespace, name and dimensions. */
    record Metric(String namespace, String metricName, List<Dimension> dimensions) {
    }

    /** One MetricDataQuery: a MetricStat, or an expression (which the emulator refuses). */
    record MetricQuery(String id, String label, boolean returnData, boolean expression, Metric metric, long periodSeconds,
            String stat) {
    }

    /** GetMetricData's request; {@code ascending} is ScanBy TimestampAscending. */
    record MetricDataRequest(Instant start, Instant end, boolean ascending, List<MetricQuery> queries) {
    }

    /** One query's answer, newest first unless asked ascending. */
    record MetricDataResult(String id, String label, List<Instant> timestamps, List<Double> values) {
    }

    /** GetMetricStatistics' request; {@code unit} may be null. */
    record StatisticsRequest(Metric metric, Instant start, Instant end, long periodSeconds, List<String> statistics,
            List<String> extendedStatistics, String unit) {
    }

    /** GetMetricStatistics' answer. */
    record Statistics(String label, List<Datapoint> datapoints) {
    }

    /** One GetMetricStatistics data point: the standard statistics asked for, and the percentiles. */
    record Datapoint(Instant timestamp, Map<String, Double> statistics, Map<String, Double> extended, String unit) {
    }

    /** ListMetrics' request: each member may be null or empty (no filter). */
    record ListMetricsRequest(String namespace, String metricName, List<Dimension> dimensions) {
    }

    /** DescribeAlarms' filters: each may be empty (no filter). */
    record AlarmsRequest(List<String> alarmNames, String alarmNamePrefix, String stateValue, List<String> alarmTypes) {
    }

    /** A metric alarm with every member DescribeAlarms returns for one. */
    record MetricAlarm(String name, String arn, Instant configurationUpdated, String stateValue, String stateReason,
            Instant stateUpdated, Instant stateTransitioned, Metric metric, String statistic, int periodSeconds,
            int evaluationPeriods, int datapointsToAlarm, double threshold, String comparisonOperator,
            String treatMissingData) {
    }

    /** The values of one metric in one period starting at {@code start}. */
    private record Bucket(Instant start, List<Double> values) {
    }

    private final ApplicationModel account;

    CloudWatchModel(ApplicationModel account) {
        this.account = account;
    }

    /** GetMetricData (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html). */
    List<MetricDataResult> getMetricData(MetricDataRequest request) {
        if (!request.start().isBefore(request.end())) {
            throw EmulatorException.client("InvalidParameterValue", "The parameter StartTime must be before EndTime");
        }
        if (request.queries().isEmpty()) {
            throw EmulatorException.client("MissingParameter", "The parameter MetricDataQueries is required");
        }
        List<MetricDataResult> results = new ArrayList<>();
        for (MetricQuery query : request.queries()) {
            if (query.expression()) {
                throw EmulatorException.client("InvalidParameterValue",
                        "Query " + query.id() + ": expressions are not supported by the emulator");
            }
            if (query.returnData()) {
                results.add(metricStat(query, request.start(), request.end(), request.ascending()));
            }
        }
        return results;
    }

    private MetricDataResult metricStat(MetricQuery query, Instant start, Instant end, boolean ascending) {
        if (query.periodSeconds() <= 0 || query.periodSeconds() % 60 != 0) {
            throw EmulatorException.client("InvalidParameterValue",
                    "Query " + query.id() + ": the Period must be a positive multiple of 60 seconds");
        }
        if (!STATISTICS.contains(query.stat()) && percentile(query.stat()) == null) {
            throw EmulatorException.client("InvalidParameterValue", "Query " + query.id() + ": the statistic "
                    + query.stat() + " is not supported by the emulator (use one of " + STATISTICS
                    + " or a percentile p0.0 to p100)");
        }
        String label = query.label() != null ? query.label() : query.metric().metricName();
        List<Bucket> buckets = buckets(query.metric(), start, end, query.periodSeconds());
        if (!ascending) {
            Collections.reverse(buckets);
        }
        List<Instant> timestamps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Bucket bucket : buckets) {
            Double value = aggregate(query.stat(), bucket.values());
            // A percentile CloudWatch cannot compute leaves the period out (see aggregate).
            if (value != null) {
                timestamps.add(bucket.start());
                values.add(value);
            }
        }
        return new MetricDataResult(query.id(), label, timestamps, values);
    }

    /**
     * GetMetricStatistics (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html):
     * "either Statistics or ExtendedStatistics, but not both"; at most 1,440 data points; a Unit other
     * than the metric's returns nothing ("CloudWatch does not perform unit conversions").
     */
    Statistics getMetricStatistics(StatisticsRequest request) {
        if (!request.start().isBefore(request.end())) {
            throw EmulatorException.client("InvalidParameterValue", "The parameter StartTime must be before EndTime");
        }
        long period = request.periodSeconds();
        if (period <= 0 || period % 60 != 0) {
            throw EmulatorException.client("InvalidParameterValue", "The parameter Period must be a multiple of 60");
        }
        if (request.statistics().isEmpty() == request.extendedStatistics().isEmpty()) {
            throw EmulatorException.client("InvalidParameterCombination",
                    "Exactly one of the parameters Statistics and ExtendedStatistics must be specified");
        }
        for (String statistic : request.statistics()) {
            if (!STATISTICS.contains(statistic)) {
                throw EmulatorException.client("InvalidParameterValue", "The parameter Statistics contains " + statistic
                        + "; valid values are " + STATISTICS);
            }
        }
        for (String percentile : request.extendedStatistics()) {
            if (percentile(percentile) == null) {
                throw EmulatorException.client("InvalidParameterValue", "The parameter ExtendedStatistics contains "
                        + percentile + "; the emulator serves percentiles p0.0 to p100");
            }
        }
        long points = (Duration.between(request.start(), request.end()).getSeconds() + period - 1) / period;
        if (points > MAX_DATAPOINTS) {
            throw EmulatorException.client("InvalidParameterCombination", "You have requested up to " + points
                    + " datapoints, which exceeds the limit of " + MAX_DATAPOINTS);
        }
        String metricName = request.metric().metricName();
        String unit = FlinkJobSimulator.UNITS.getOrDefault(metricName, "None");
        List<Datapoint> datapoints = new ArrayList<>();
        if (request.unit() == null || request.unit().equals(unit)) {
            for (Bucket bucket : buckets(request.metric(), request.start(), request.end(), period)) {
                Map<String, Double> values = new LinkedHashMap<>();
                request.statistics().forEach(statistic -> values.put(statistic, aggregate(statistic, bucket.values())));
                Map<String, Double> percentiles = new LinkedHashMap<>();
                for (String percentile : request.extendedStatistics()) {
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
    List<Metric> listMetrics(ListMetricsRequest request) {
        List<Metric> metrics = new ArrayList<>();
        if (request.namespace() != null && !request.namespace().equals(FlinkJobSimulator.NAMESPACE)) {
            return metrics;
        }
        for (EmulatedApplication app : account.applications()) {
            Map<String, String> dimensions = Map.of(FlinkJobSimulator.DIMENSION, app.name());
            boolean matches = true;
            for (Dimension filter : request.dimensions()) {
                String value = dimensions.get(filter.name());
                matches &= value != null && (filter.value() == null || filter.value().equals(value));
            }
            if (!matches) {
                continue;
            }
            for (String name : FlinkJobSimulator.published(app.runs())) {
                if (request.metricName() == null || request.metricName().equals(name)) {
                    metrics.add(new Metric(FlinkJobSimulator.NAMESPACE, name,
                            List.of(new Dimension(FlinkJobSimulator.DIMENSION, app.name()))));
                }
            }
        }
        return metrics;
    }

    /**
     * DescribeAlarms by AlarmNames, AlarmNamePrefix, StateValue and AlarmTypes; every alarm here is
     * a metric alarm, so asking for composite alarms only finds none. INFERRED: DatapointsToAlarm is
     * EvaluationPeriods and TreatMissingData is {@code missing}, CloudWatch's defaults for an alarm
     * created without them.
     */
    List<MetricAlarm> describeAlarms(AlarmsRequest request) {
        if (!request.alarmTypes().isEmpty() && !request.alarmTypes().contains("MetricAlarm")) {
            return List.of();
        }
        String prefix = request.alarmNamePrefix() == null ? "" : request.alarmNamePrefix();
        return account.alarms().stream()
                .filter(a -> request.alarmNames().isEmpty() || request.alarmNames().contains(a.name()))
                .filter(a -> a.name().startsWith(prefix))
                .map(account::alarmState)
                .filter(a -> request.stateValue() == null || a.state().equals(request.stateValue()))
                .map(this::alarm)
                .toList();
    }

    private MetricAlarm alarm(ApplicationModel.AlarmState state) {
        ScenarioSpec.AlarmSpec spec = state.alarm();
        List<Dimension> dimensions = account.dimensions(spec).entrySet().stream()
                .map(d -> new Dimension(d.getKey(), d.getValue())).toList();
        return new MetricAlarm(spec.name(), account.alarmArn(spec), account.alarmsConfigured(), state.state(),
                state.reason(), state.since(), state.transitioned(),
                new Metric(FlinkJobSimulator.NAMESPACE, spec.metricName(), dimensions), spec.statistic(),
                spec.periodSeconds(), spec.evaluationPeriods(), spec.evaluationPeriods(), spec.threshold(),
                spec.comparisonOperator(), "missing");
    }

    /**
     * The samples of one metric in [start, end), grouped into periods, oldest first. Only the
     * AWS/KinesisAnalytics metrics of an application (dimension Application, matched exactly as
     * CloudWatch matches dimensions) have data.
     */
    private List<Bucket> buckets(Metric metric, Instant start, Instant end, long period) {
        List<Dimension> dimensions = metric.dimensions();
        if (!FlinkJobSimulator.NAMESPACE.equals(metric.namespace()) || dimensions.size() != 1
                || !FlinkJobSimulator.DIMENSION.equals(dimensions.get(0).name())) {
            return new ArrayList<>();
        }
        List<FlinkJobSimulator.Sample> samples = account.find(dimensions.get(0).value())
                .map(app -> FlinkJobSimulator.samples(app.runs(), metric.metricName(), start, end, account.now()))
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
}
