package io.flinkupgrade.api;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /upgrades}: the query string, checked. {@code application} (an MSF application name),
 * {@code status} ({@link UpgradeStatus}), {@code limit} (1 to 100, default 25) and the {@code nextToken}
 * of the previous page.
 */
public record ListRequest(Optional<String> application, Optional<UpgradeStatus> status, Optional<String> nextToken, int limit) {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    /** MSF's application name pattern: https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_CreateApplication.html */
    private static final Pattern APPLICATION_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    /** From API Gateway's queryStringParameters (null when there are none). */
    static ListRequest fromQuery(Map<String, String> query) {
        Map<String, String> parameters = query == null ? Map.of() : query;
        for (String name : parameters.keySet()) {
            if (!Map.of("application", 0, "status", 0, "nextToken", 0, "limit", 0).containsKey(name)) {
                throw ApiException.badRequest(name + ": not a parameter of GET /upgrades (application, status, limit, nextToken)");
            }
        }
        Optional<String> application = Optional.ofNullable(parameters.get("application"));
        application.ifPresent(name -> {
            if (!APPLICATION_NAME.matcher(name).matches()) {
                throw ApiException.badRequest("application: not an application name (1-128 of a-z, A-Z, 0-9, _ . -)");
            }
        });
        int limit = DEFAULT_LIMIT;
        if (parameters.containsKey("limit")) {
            try {
                limit = Integer.parseInt(parameters.get("limit"));
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.badRequest("limit: " + parameters.get("limit") + " is not a whole number from 1 to " + MAX_LIMIT);
            }
        }
        return new ListRequest(application, Optional.ofNullable(parameters.get("status")).map(UpgradeStatus::parse),
                Optional.ofNullable(parameters.get("nextToken")), limit);
    }
}
