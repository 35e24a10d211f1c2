/**
 * Near-duplicate clustering of syndicated articles, at index time: each article's fingerprint (computed by enrich)
 * is matched against the index through its LSH band keys and against the articles of the same batch, verified on
 * the whole signature, and the article joins the cluster of its nearest verified copy or starts one of its own
 * ({@link io.outsight.index.dedup.ClusterAssigner}). The result travels in the document as {@code cluster_id} and
 * {@code duplicate_of} ({@link io.outsight.index.dedup.ClusterFields}). See docs/architecture.md, "Syndicated
 * copies".
 */
@NullMarked
package io.outsight.index.dedup;

import org.jspecify.annotations.NullMarked;
