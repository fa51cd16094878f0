package io.flinkupgrade.bench;

/** The baseline a fresh {@code status} JVM is measured against: a JVM that starts, prints and exits. */
public final class HelloWorld {
    private HelloWorld() {}

    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
