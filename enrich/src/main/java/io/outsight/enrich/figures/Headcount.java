package io.outsight.enrich.figures;

/**
 * A number of people found in text ("1.2 million people", "a workforce of 50,000").
 *
 * @param value the number of people, units expanded
 * @param start character offset of the figure, inclusive
 * @param end character offset, exclusive
 */
public record Headcount(double value, int start, int end) {}
