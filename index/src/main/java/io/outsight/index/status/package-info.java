/**
 * The crawl-status view: the latest fetch outcome of every URL, from {@code outsight.fetch.status} into its own
 * index, and the queries that show what failed and why.
 */
@NullMarked
package io.outsight.index.status;

import org.jspecify.annotations.NullMarked;
