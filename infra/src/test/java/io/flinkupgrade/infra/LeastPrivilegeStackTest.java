package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scans every policy in the template: no action is "*", and "*" resources only where IAM has no resource-level permissions. */
class LeastPrivilegeStackTest {
    /** Every statement of every policy document in the template: IAM policies, roles, key, topic and queue policies. */
    private static List<Map<?, ?>> allStatements() {
        List<Map<?, ?>> statements = new ArrayList<>();
        collect(TestStacks.template().toJSON().get("Resources"), statements);
        return statements;
    }

    private static void collect(Object node, List<Map<?, ?>> statements) {
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey("Statement") && map.get("Statement") instanceof List<?> list) {
                list.forEach(s -> statements.add((Map<?, ?>) s));
            }
            map.values().forEach(v -> collect(v, statements));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, statements));
        }
    }

    @Test
    void noStatementAllowsEveryAction() {
        List<Map<?, ?>> statements = allStatements();
        assertThat(statements).hasSizeGreaterThan(20);
        assertThat(statements).allSatisfy(statement -> assertThat(TestStacks.asList(statement.get("Action"))).doesNotContain("*"));
        assertThat(statements).allSatisfy(statement -> assertThat(statement.containsKey("NotAction")).isFalse());
    }

    @Test
    void wholeServiceWildcardAllows_appearOnlyInKeyPoliciesForTheAccountRoot() {
        for (Map<?, ?> statement : allStatements()) {
            // The SSL-only topic and queue policies deny sqs:* / sns:* without TLS; only allows widen access.
            boolean serviceWildcard = "Allow".equals(statement.get("Effect")) && TestStacks.asList(statement.get("Action")).stream()
                    .anyMatch(action -> action instanceof String text && text.endsWith(":*"));
            if (serviceWildcard) {
                // The default KMS key policy: the account keeps administering its keys; IAM decides who may.
                assertThat(statement.get("Action")).isEqualTo("kms:*");
                assertThat(statement.get("Principal").toString()).contains(":iam::", ":root");
            }
        }
    }

    @Test
    void everyAllowOnAllResources_isForActionsWithoutResourceLevelPermissions() {
        for (Map<?, ?> statement : allStatements()) {
            if ("Allow".equals(statement.get("Effect")) && TestStacks.asList(statement.get("Resource")).contains("*")
                    && !statement.containsKey("Principal")) {
                assertThat(TestStacks.asList(statement.get("Action"))).allSatisfy(action ->
                        assertThat((String) action).matches("^(xray:[A-Za-z]+|logs:[A-Za-z]+Log(Delivery|Deliveries)|"
                                + "logs:(PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)|cloudwatch:GetMetricData|kinesisanalytics:ListApplications)$"));
            }
        }
    }
}
