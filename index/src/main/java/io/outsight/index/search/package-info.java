/** Queries over the article index, shared by the command line and the HTTP API. */
@NullMarked
package io.outsight.index.search;

import org.jspecify.annotations.NullMarked;
