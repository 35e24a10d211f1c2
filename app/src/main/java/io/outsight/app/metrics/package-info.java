/**
 * Prometheus metrics shared by {@code outsight serve} and the stage workers: the meters of a stage (records
 * consumed, succeeded, produced, sent to the DLQ, consumer lag, fetch outcomes), and the small HTTP server a worker scrapes
 * them from ({@code outsight worker STAGE --metrics-port PORT}).
 */
@NullMarked
package io.outsight.app.metrics;

import org.jspecify.annotations.NullMarked;
