package io.flinkupgrade.preflight;

/** One thing wrong with the request: the field (e.g. {@code code.fileKey}) and what is wrong with it. */
public record InputProblem(String field, String message) {}
