/**
 * Fault tests of the whole pipeline on the real local Kafka and Elasticsearch: workers killed with SIGKILL, an
 * Elasticsearch outage, a broker restart and a burst of input, each checked for articles lost, duplicated or
 * dead-lettered, within a deadline.
 */
@NullMarked
package io.outsight.app.fault;

import org.jspecify.annotations.NullMarked;
