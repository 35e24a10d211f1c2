/**
 * Where URL requests come from before they reach {@code outsight.urls}: URLs given as arguments, files of URLs,
 * sitemaps (XML, indexes, gzip, Google News) and RSS/Atom feeds, read with crawler-commons; normalised, with
 * duplicates dropped.
 */
@NullMarked
package io.outsight.ingest.intake;

import org.jspecify.annotations.NullMarked;
