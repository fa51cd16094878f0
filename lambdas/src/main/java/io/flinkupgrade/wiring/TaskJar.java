package io.flinkupgrade.wiring;

/**
 * The shaded jars the lambdas module builds (lambdas/pom.xml, one maven-shade execution each), told
 * apart by their Maven classifier: the CDK functions' code and the jar tests read them by it.
 */
public enum TaskJar {
    /** Every task but PlanFleet, without the S3 client. */
    SHARED("lambda"),
    /** PlanFleet's: the shared jar's classes and the S3 client it reads application lists and writes wave files with. */
    FLEET_PLAN("fleet-plan");

    private final String classifier;

    TaskJar(String classifier) {
        this.classifier = classifier;
    }

    public String classifier() {
        return classifier;
    }

    /** The jar's file name glob in lambdas/target, e.g. {@code flink-upgrade-lambdas-*-lambda.jar}. */
    public String fileGlob() {
        return "flink-upgrade-lambdas-*-" + classifier + ".jar";
    }
}
