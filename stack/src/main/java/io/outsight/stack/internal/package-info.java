/**
 * Internal helpers of the stack module (ports, child processes, generated configuration, the Elasticsearch
 * distribution). Not for other modules: no compatibility is promised, use the types in {@code io.outsight.stack}.
 */
@NullMarked
package io.outsight.stack.internal;

import org.jspecify.annotations.NullMarked;
