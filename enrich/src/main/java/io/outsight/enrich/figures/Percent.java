package io.outsight.enrich.figures;

import org.jspecify.annotations.Nullable;

/**
 * A percentage found in text.
 *
 * @param value the percentage ("7.4%" is 7.4); the low end of a range
 * @param high the high end of a range ("7–8%"), or null
 * @param start character offset, inclusive
 * @param end character offset, exclusive
 */
public record Percent(double value, @Nullable Double high, int start, int end) {}
