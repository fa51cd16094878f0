package io.flinkupgrade.infra;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;

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
}
