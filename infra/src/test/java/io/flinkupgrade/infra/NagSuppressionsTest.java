package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every cdk-nag suppression is specific: a real reason, and appliesTo for wildcard findings. */
class NagSuppressionsTest {
    private static final List<String> GENERIC = List.of("suppress", "not needed", "n/a", "todo", "false positive", "acceptable", "ok");

    /** Every cdk-nag suppression recorded in the template's metadata. */
    private static List<Map<?, ?>> suppressions() {
        List<Map<?, ?>> found = new ArrayList<>();
        Map<?, ?> resources = (Map<?, ?>) TestStacks.template().toJSON().get("Resources");
        for (Object resource : resources.values()) {
            Object metadata = ((Map<?, ?>) resource).get("Metadata");
            if (metadata instanceof Map<?, ?> meta && meta.get("cdk_nag") instanceof Map<?, ?> nag) {
                ((List<?>) nag.get("rules_to_suppress")).forEach(rule -> found.add((Map<?, ?>) rule));
            }
        }
        return found;
    }

    @Test
    void everySuppression_carriesASpecificReason() {
        assertThat(suppressions()).isNotEmpty().allSatisfy(rule -> {
            String reason = (String) rule.get("reason");
            assertThat(reason).as(rule.toString()).hasSizeGreaterThan(60);
            assertThat(GENERIC).noneMatch(word -> reason.toLowerCase().strip().equals(word));
        });
    }

    @Test
    void wildcardSuppressions_nameWhatTheyApplyTo() {
        assertThat(suppressions())
                .filteredOn(rule -> List.of("AwsSolutions-IAM5", "AwsSolutions-IAM4").contains(rule.get("id")))
                .isNotEmpty()
                .allSatisfy(rule -> assertThat((List<?>) rule.get("applies_to")).as(rule.toString()).isNotEmpty());
    }

    @Test
    void onlyTheExpectedRulesAreSuppressed() {
        assertThat(suppressions()).extracting(rule -> (Object) rule.get("id")).containsOnly(
                "AwsSolutions-L1", "AwsSolutions-IAM5", "AwsSolutions-IAM4", "AwsSolutions-COG4", "AwsSolutions-APIG3", "AwsSolutions-SQS3",
                "AwsSolutions-S1");
    }
}
