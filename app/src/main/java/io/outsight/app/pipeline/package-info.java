/** Wiring of the three stages into running Kafka consumer loops, in one JVM or one stage per process. */
@NullMarked
package io.outsight.app.pipeline;

import org.jspecify.annotations.NullMarked;
