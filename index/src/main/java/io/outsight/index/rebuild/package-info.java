/**
 * Rebuilding the article index: replay the raw topic through the current enricher into a new versioned index, then
 * move the alias to it atomically, so searches keep answering from the old version until the new one is complete.
 */
@NullMarked
package io.outsight.index.rebuild;

import org.jspecify.annotations.NullMarked;
