/**
 * Benchmarks of the {@code io.greenhouse.util} primitives, each against its nearest
 * {@code java.util.concurrent} twin between two platform threads, in the same run.
 */
package io.greenhouse.benchmarks.util;
