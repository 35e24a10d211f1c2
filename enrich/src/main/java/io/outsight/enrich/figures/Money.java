package io.outsight.enrich.figures;

import org.jspecify.annotations.Nullable;

/**
 * An amount of money found in text.
 *
 * @param value the amount, units expanded ("343.2 billion" is 3.432E11); the low end of a range
 * @param high the high end of a range ("$10–12 billion"), or null
 * @param currency ISO 4217 code, or {@link MoneyParser#PESO} when only "pesos" says which
 * @param start character offset, inclusive
 * @param end character offset, exclusive
 */
public record Money(double value, @Nullable Double high, String currency, int start, int end) {}
