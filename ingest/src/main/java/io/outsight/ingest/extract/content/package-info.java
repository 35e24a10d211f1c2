/**
 * Finding the main text of a page: cleaning the DOM of what is never content, scoring blocks and containers by
 * text and link density and class/id hints, choosing the article container and its content siblings, removing the
 * boilerplate blocks left inside it, and writing what remains as paragraphs. The algorithm follows Mozilla's
 * Readability and trafilatura in spirit; nothing in it knows any particular site.
 */
@NullMarked
package io.outsight.ingest.extract.content;

import org.jspecify.annotations.NullMarked;
