/** The index layout: an index template, versioned indices {@code outsight-articles-vN}, one alias. */
@NullMarked
package io.outsight.index.layout;

import org.jspecify.annotations.NullMarked;
