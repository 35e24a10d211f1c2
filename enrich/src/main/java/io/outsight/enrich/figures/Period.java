package io.outsight.enrich.figures;

import org.jspecify.annotations.Nullable;

/**
 * A year or a period found in text: "by 2025" (year 2025), "in FY18" (year 2018), "2018–19" (period 2018 to 2019),
 * "from 2020 to 2027".
 *
 * @param year the single year, or null for a period
 * @param periodStart first year of a period, or null
 * @param periodEnd last year of a period, or null
 * @param start character offset, inclusive
 * @param end character offset, exclusive
 */
public record Period(@Nullable Integer year, @Nullable Integer periodStart, @Nullable Integer periodEnd, int start, int end) {

    public boolean isPeriod() {
        return periodStart != null;
    }
}
