/**
 * Heap per parked greenlet, against Quasar fibers and virtual threads parked the same way: a plain main
 * program ({@link io.greenhouse.benchmarks.memory.ParkedMemory}), not JMH.
 */
package io.greenhouse.benchmarks.memory;
