/** Relevance: a 0..1 score of how much an article is about outsourcing. */
@NullMarked
package io.outsight.enrich.relevance;

import org.jspecify.annotations.NullMarked;
