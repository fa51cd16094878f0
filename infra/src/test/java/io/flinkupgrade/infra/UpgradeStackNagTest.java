package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

class UpgradeStackNagTest {
    @Test
    void awsSolutionsChecks_reportNoErrorsOrWarnings() {
        Annotations annotations = Annotations.fromStack(TestStacks.shared().stack());
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).as(() -> describe(errors)).isEmpty();
        assertThat(warnings).as(() -> describe(warnings)).isEmpty();
    }

    static String describe(List<SynthesisMessage> messages) {
        StringBuilder out = new StringBuilder();
        messages.forEach(m -> out.append(m.getId()).append(": ").append(m.getEntry().getData()).append('\n'));
        return out.toString();
    }
}
