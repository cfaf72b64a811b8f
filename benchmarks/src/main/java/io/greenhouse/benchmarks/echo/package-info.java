/**
 * The echo comparison: green servers on the epoll and NIO pollers against plain Netty 4.2 epoll and NIO
 * echo servers, driven by one load client, 64-byte messages, interleaved rounds.
 */
package io.greenhouse.benchmarks.echo;
