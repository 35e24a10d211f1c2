/**
 * Stage workers as child JVMs ({@link io.outsight.app.process.WorkerProcess}) and the heap statistics a worker
 * records about itself ({@link io.outsight.app.process.HeapWatch}), for the benchmark and the fault tests.
 */
@NullMarked
package io.outsight.app.process;

import org.jspecify.annotations.NullMarked;
