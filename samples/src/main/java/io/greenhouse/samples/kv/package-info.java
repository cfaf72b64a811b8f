/**
 * A small replicated service for the deterministic harness's showcase: a primary/backup key-value store over
 * green sockets ({@link io.greenhouse.samples.kv.Primary}, {@link io.greenhouse.samples.kv.Backup},
 * {@link io.greenhouse.samples.kv.KvClient}), with a deliberately planted durability bug
 * ({@link io.greenhouse.samples.kv.Primary.Durability#ACK_THEN_REPLICATE}) that only some crash timings expose.
 * Its tests find the bug by seed search, replay it by seed, and pass a thousand seeds once it is fixed.
 */
package io.greenhouse.samples.kv;
