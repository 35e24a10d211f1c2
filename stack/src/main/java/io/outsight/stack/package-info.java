/**
 * Real local servers for Outsight: a Kafka broker in KRaft mode ({@link io.outsight.stack.LocalKafka}) and an
 * Elasticsearch node ({@link io.outsight.stack.LocalElasticsearch}), each a child process, started together by
 * {@link io.outsight.stack.LocalStack} for {@code outsight run}, {@code outsight stack up|down|status} and
 * integration tests.
 */
@NullMarked
package io.outsight.stack;

import org.jspecify.annotations.NullMarked;
