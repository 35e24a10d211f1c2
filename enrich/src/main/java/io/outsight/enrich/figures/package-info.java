/**
 * Market figures: parsers for money ({@link io.outsight.enrich.figures.MoneyParser}), percentages
 * ({@link io.outsight.enrich.figures.PercentParser}), years and periods ({@link io.outsight.enrich.figures.PeriodParser})
 * and headcounts ({@link io.outsight.enrich.figures.HeadcountParser}), and the
 * {@link io.outsight.enrich.figures.FigureLinker} that joins them, sentence by sentence, with the entities around
 * them into {@link io.outsight.core.record.MarketFigure} records. The parsers never throw on any input.
 */
@NullMarked
package io.outsight.enrich.figures;

import org.jspecify.annotations.NullMarked;
