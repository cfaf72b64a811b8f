/**
 * Build tools of greenhouse-quasar: {@link io.greenhouse.quasar.QuasarPatcher}, which patches Quasar's
 * bytecode for JDK 17-25 while this jar is built, and {@link io.greenhouse.quasar.AotInstrumenter}, the
 * build-time alternative to the Quasar agent.
 */
package io.greenhouse.quasar;
