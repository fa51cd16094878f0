package io.flinkupgrade.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** Builds CloudWatch SDK responses for the service tests, answering each query by metric name. */
final class CloudWatchResponses {
    private CloudWatchResponses() {}

    /** One result per query: the values for its metric name, one minute apart from {@code first}; none if absent. */
    static GetMetricDataResponse answer(GetMetricDataRequest request, Instant first, Map<String, double[]> byName) {
        List<MetricDataResult> results = new ArrayList<>();
        for (MetricDataQuery query : request.metricDataQueries()) {
            double[] values = byName.getOrDefault(query.metricStat().metric().metricName(), new double[0]);
            List<Instant> timestamps = new ArrayList<>();
            List<Double> boxed = new ArrayList<>();
            // Newest first, as CloudWatch answers by default (ScanBy TimestampDescending).
            for (int i = values.length - 1; i >= 0; i--) {
                timestamps.add(first.plusSeconds(60L * i));
                boxed.add(values[i]);
            }
            results.add(MetricDataResult.builder().id(query.id()).label(query.metricStat().metric().metricName())
                    .timestamps(timestamps).values(boxed).statusCode(StatusCode.COMPLETE).build());
        }
        return GetMetricDataResponse.builder().metricDataResults(results).build();
    }

    static AwsServiceException error(int status, String code) {
        return AwsServiceException.builder()
                .statusCode(status)
                .message(code + " from CloudWatch")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " from CloudWatch").build())
                .build();
    }
}
