/** Fetching pages over HTTP(S): outcomes as a closed set, unsafe addresses refused. */
@NullMarked
package io.outsight.ingest.fetch;

import org.jspecify.annotations.NullMarked;
