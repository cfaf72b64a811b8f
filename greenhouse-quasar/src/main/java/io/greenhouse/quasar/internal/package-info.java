/**
 * Internal: not API, may change in any release.
 *
 * <p>Code that Quasar's classes call once {@link io.greenhouse.quasar.QuasarPatcher} has patched them: logging in
 * place of Quasar's {@code System.err} lines.
 */
package io.greenhouse.quasar.internal;
