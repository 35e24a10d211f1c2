/**
 * The domain taggers and their facade {@link io.outsight.enrich.tag.ArticleTagger}: outsourcing types, sourcing
 * models, countries, regions, organisations and people as {@link io.outsight.core.record.Entity entities} with
 * character offsets into the article text, the article's {@link io.outsight.core.record.Tags tags}, its market
 * figures and its relevance.
 */
@NullMarked
package io.outsight.enrich.tag;

import org.jspecify.annotations.NullMarked;
