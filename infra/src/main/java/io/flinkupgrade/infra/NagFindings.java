package io.flinkupgrade.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.IRole;

/**
 * Resource ARNs spelt the way cdk-nag reports them in findings ({@code <AWS::Region>} for an
 * unresolved region, the region itself once the stack has an environment), so a suppression's
 * {@code appliesTo} matches whether or not the CLI supplies an account and region.
 */
final class NagFindings {
    private NagFindings() {
    }

    /** {@code Resource::arn:<AWS::Partition>:<service>:<region>:<account>:<resource>}. */
    static String resource(Stack stack, String service, String resource) {
        return "Resource::arn:<AWS::Partition>:" + service + ":" + orPseudo(stack.getRegion(), "AWS::Region") + ":"
                + orPseudo(stack.getAccount(), "AWS::AccountId") + ":" + resource;
    }

    private static String orPseudo(String value, String pseudoParameter) {
        return Token.isUnresolved(value) ? "<" + pseudoParameter + ">" : value;
    }

    /**
     * The two wildcard findings every state machine role of this stack has: the log delivery and
     * X-Ray actions CDK adds for logging level ALL and tracing, and the kms:GenerateDataKey* family
     * on the keys it writes with ({@code keyReason} says which).
     */
    static void suppressStateMachineRole(IRole role, String keyReason) {
        NagSuppressions.addResourceSuppressions(role, List.of(
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("The log delivery actions (logs:CreateLogDelivery and friends) and X-Ray actions CDK adds for "
                                + "logging level ALL and tracing support no resource-level permissions")
                        .appliesTo(List.of("Resource::*"))
                        .build(),
                NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason(keyReason)
                        .appliesTo(List.of("Action::kms:GenerateDataKey*"))
                        .build()), true);
    }
}
