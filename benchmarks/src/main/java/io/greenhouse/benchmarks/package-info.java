/**
 * JMH benchmarks of greenhouse against its baselines.
 */
package io.greenhouse.benchmarks;
