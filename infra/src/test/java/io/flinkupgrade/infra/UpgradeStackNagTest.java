package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag is the gate: a Java-only synth exits 0 even when AwsSolutions reports errors. */
class UpgradeStackNagTest {
    @Test
    void awsSolutionsChecks_reportNoErrorsOrWarnings() {
        assertClean(TestStacks.shared().stack());
    }

    /** The CLI passes the profile's account and region; ARNs then name them and suppressions must still match. */
    @Test
    void awsSolutionsChecks_withAConcreteAccountAndRegion_reportNoErrorsOrWarningsEither() {
        App app = App.Builder.create().context(TestStacks.context()).build();
        UpgradeStackConfig config = UpgradeStackConfig.fromContext(app.getNode()::tryGetContext);
        StackProps props = StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build())
                .build();
        UpgradeStack stack = new UpgradeStack(app, InfraApp.STACK_NAME, props, config, TestStacks.layout());
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        app.synth();
        assertClean(stack);
    }

    @Test
    void snapStartWarnings_areAcknowledgedBecauseEveryFunctionIsPublished() {
        List<SynthesisMessage> warnings = Annotations.fromStack(TestStacks.shared().stack())
                .findWarning("*", Match.stringLikeRegexp(".*SnapStart.*"));
        assertThat(warnings).as(() -> describe(warnings)).isEmpty();
    }

    private static void assertClean(Stack stack) {
        Annotations annotations = Annotations.fromStack(stack);
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).as(() -> describe(errors)).isEmpty();
        assertThat(warnings).as(() -> describe(warnings)).isEmpty();
    }

    private static String describe(List<SynthesisMessage> messages) {
        StringBuilder out = new StringBuilder();
        messages.forEach(m -> out.append(m.getId()).append(": ").append(m.getEntry().getData()).append('\n'));
        return out.toString();
    }
}
