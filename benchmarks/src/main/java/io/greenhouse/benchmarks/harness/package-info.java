/**
 * What the deterministic harness (greenhouse-test) costs: a switch under a simulation against the production
 * hub, a simulated hour of many sleeping greenlets, and seeds per second of a small protocol test.
 */
package io.greenhouse.benchmarks.harness;
