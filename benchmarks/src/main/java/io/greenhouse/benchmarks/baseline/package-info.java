/**
 * The baselines greenhouse is measured against, in the same run: Quasar fibers on Quasar's own fork-join
 * scheduler (parallelism 1), and, on JDK 21+, virtual threads on a one-carrier scheduler.
 */
package io.greenhouse.benchmarks.baseline;
