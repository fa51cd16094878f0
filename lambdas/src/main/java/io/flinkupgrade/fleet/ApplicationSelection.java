package io.flinkupgrade.fleet;

import io.flinkupgrade.application.ApplicationReader;
import io.flinkupgrade.fleet.FleetRequest.Selector;
import io.flinkupgrade.plan.FlinkRuntime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationSummary;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationsRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationsResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.Tag;

/**
 * Resolves a selector: ListApplications (every page), the Flink applications on one of the
 * selector's runtimes, then ListTagsForResource for those, keeping the ones that carry every tag.
 * Read-only. https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_ListApplications.html
 */
final class ApplicationSelection {
    private static final int PAGE = 50;
    private final KinesisAnalyticsV2Client msf;

    ApplicationSelection(KinesisAnalyticsV2Client msf) {
        this.msf = msf;
    }

    /** The selected application names, in name order (the rollout order of a selector). */
    List<String> select(Selector selector) {
        return summaries().stream()
                .filter(s -> runsSelectedRuntime(selector, s.runtimeEnvironmentAsString()))
                .filter(s -> selector.tags().isEmpty() || tags(s).entrySet().containsAll(selector.tags().entrySet()))
                .map(ApplicationSummary::applicationName)
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /** Every page: ListApplications returns at most Limit (up to 50) summaries and a NextToken while there are more. */
    private List<ApplicationSummary> summaries() {
        List<ApplicationSummary> summaries = new ArrayList<>();
        String token = null;
        do {
            ListApplicationsRequest request = ListApplicationsRequest.builder().limit(PAGE).nextToken(token).build();
            ListApplicationsResponse page;
            try {
                page = msf.listApplications(request);
            } catch (SdkException e) {
                throw ApplicationReader.translate(e, "ListApplications");
            }
            summaries.addAll(page.applicationSummaries());
            token = page.nextToken();
        } while (token != null);
        return summaries;
    }

    private static boolean runsSelectedRuntime(Selector selector, String runtime) {
        return FlinkRuntime.parse(runtime).isPresent()
                && (selector.currentRuntimes() == null || selector.currentRuntimes().contains(runtime));
    }

    private Map<String, String> tags(ApplicationSummary summary) {
        try {
            return msf.listTagsForResource(ListTagsForResourceRequest.builder().resourceARN(summary.applicationARN()).build()).tags().stream()
                    .collect(Collectors.toMap(Tag::key, tag -> tag.value() == null ? "" : tag.value()));
        } catch (SdkException e) {
            throw ApplicationReader.translate(e, "ListTagsForResource " + summary.applicationName());
        }
    }
}
