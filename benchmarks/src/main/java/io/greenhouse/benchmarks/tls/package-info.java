/**
 * TLS echo throughput: {@link io.greenhouse.io.GreenSslSocket} against the JDK's blocking
 * {@link javax.net.ssl.SSLSocket}, in the same run.
 */
package io.greenhouse.benchmarks.tls;
