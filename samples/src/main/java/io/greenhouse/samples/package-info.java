/**
 * Runnable programs that show Greenhouse at work; run them as the README's quick start says.
 */
package io.greenhouse.samples;
