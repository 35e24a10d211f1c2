/**
 * The taxonomy and gazetteers: the editable term files under {@code io/outsight/enrich/taxonomy/} (format in
 * docs/taxonomy.md), their parser and validation ({@link io.outsight.enrich.taxonomy.TermFileParser},
 * {@link io.outsight.enrich.taxonomy.Taxonomy}), the country data built from the JDK's ISO 3166 tables, and the
 * word-level matcher that finds terms in text ({@link io.outsight.enrich.taxonomy.TermMatcher}).
 */
@NullMarked
package io.outsight.enrich.taxonomy;

import org.jspecify.annotations.NullMarked;
