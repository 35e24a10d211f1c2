/** robots.txt per host, fetched once and cached, parsed by crawler-commons. */
@NullMarked
package io.outsight.ingest.robots;

import org.jspecify.annotations.NullMarked;
