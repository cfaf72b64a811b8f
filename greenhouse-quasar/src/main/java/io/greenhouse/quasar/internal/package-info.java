/**
 * Internal: not API, may change in any release.
 *
 * <p>Code that Quasar's classes call once {@link io.greenhouse.quasar.QuasarPatcher} has patched them: logging in
 * place of Quasar's {@code System.err} lines (with {@link io.greenhouse.quasar.internal.InstrumentationRefusal},
 * the message for a method Quasar refuses to instrument, which {@code AotInstrumenter} fails the build with), the
 * current strand's per-thread slot ({@link io.greenhouse.quasar.internal.CurrentStrand}, in place of a thread local
 * read on every fiber switch), the instrumenter's rules ({@link io.greenhouse.quasar.internal.InstrumentRules}),
 * {@link io.greenhouse.quasar.internal.ThreadAccess} in place of Quasar's class of that name, and JDK-only
 * stand-ins for the two Guava builders Quasar's schedulers use, so that greenhouse-quasar needs neither Guava
 * nor Kryo at run time.
 */
package io.greenhouse.quasar.internal;
