package io.greenhouse.benchmarks.tls;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.io.GreenSocket;
import io.greenhouse.io.GreenSslServerSocket;
import io.greenhouse.io.GreenSslSocket;

/**
 * TLS echo throughput over loopback, one connection, 64 KiB messages in a closed loop (the client sends a
 * message, reads its echo, sends the next): {@link GreenSslSocket} with client and server on two hubs (a
 * thread each), and on one hub, against the JDK's blocking {@link SSLSocket} between two platform threads.
 * Rounds are interleaved; the table shows the median MiB/s of echoed payload and the ratio to the JDK.
 * The certificate is a self-signed EC P-256 one made by the JDK's keytool; TLS 1.3, the JDK's default suite;
 * TCP_NODELAY on every socket (without it, Nagle and delayed ACKs cap every variant near 2 MiB/s).
 *
 * <p>Run (after {@code mvn -B -o package -DskipTests -pl greenhouse-io,benchmarks -am}):
 * <pre>
 * java -javaagent:greenhouse-quasar/target/greenhouse-quasar-0.1.0-SNAPSHOT.jar \
 *   --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
 *   --add-opens java.base/java.util.concurrent=ALL-UNNAMED --add-opens java.base/java.lang.reflect=ALL-UNNAMED \
 *   -cp benchmarks/target/benchmarks.jar io.greenhouse.benchmarks.tls.TlsEchoThroughput [rounds] [seconds]
 * </pre>
 */
public final class TlsEchoThroughput {
    private static final int MESSAGE = 64 * 1024;

    private TlsEchoThroughput() {
    }

    /** One measured round: echoed payload bytes per second. */
    interface Round {
        double run(double seconds) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        SSLContext[] contexts = contexts();
        SSLContext server = contexts[0];
        SSLContext client = contexts[1];
        Map<String, Round> variants = new LinkedHashMap<>();
        variants.put("jdk-sslsocket", s -> jdk(server, client, s));
        variants.put("green-2-hubs", s -> green(server, client, s, false));
        variants.put("green-1-hub", s -> green(server, client, s, true));
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (String name : variants.keySet()) {
            variants.get(name).run(seconds / 2);   // warm-up
            results.put(name, new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Round> v : variants.entrySet()) {
                results.get(v.getKey()).add(v.getValue().run(seconds));
            }
        }
        System.out.printf("TLS echo, JDK %s, 1 connection, %d-byte messages, %d interleaved rounds x %.1f s, medians%n",
                Runtime.version(), MESSAGE, rounds, seconds);
        double base = median(results.get("jdk-sslsocket"));
        System.out.println("| variant | MiB/s echoed | vs JDK SSLSocket |");
        System.out.println("|---|---|---|");
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            double m = median(e.getValue());
            System.out.printf("| %s | %.0f | %.2f |%n", e.getKey(), m / (1 << 20), m / base);
        }
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    // -------------------------------------------------------------------------------------------- green

    private static double green(SSLContext serverCtx, SSLContext clientCtx, double seconds, boolean oneHub)
            throws Exception {
        CompletableFuture<SocketAddress> bound = new CompletableFuture<>();
        CompletableFuture<Double> rate = new CompletableFuture<>();
        Thread server = new Thread(() -> runHub(() -> {
            GreenSslServerSocket listener = GreenSslServerSocket.bind(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, serverCtx);
            bound.complete(listener.localAddress());
            if (oneHub) {
                Scheduler.schedule(() -> rate.complete(greenClient(listener.localAddress(), clientCtx, seconds)));
            }
            try (GreenSslSocket s = listener.accept()) {
                listener.close();
                s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ByteBuffer buf = ByteBuffer.allocate(MESSAGE);
                while (s.read(buf) > 0) {
                    buf.flip();
                    s.writeFully(buf);
                    buf.clear();
                }
            }
        }), "green-tls-server");
        server.start();
        if (!oneHub) {
            SocketAddress address = bound.join();
            Thread client = new Thread(() -> runHub(() -> rate.complete(greenClient(address, clientCtx, seconds))),
                    "green-tls-client");
            client.start();
            client.join();
        }
        server.join();
        return rate.join();
    }

    private static void runHub(io.greenhouse.GreenRunnable body) {
        try {
            Hub.run(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            Hub.current().close();
        }
    }

    private static double greenClient(SocketAddress server, SSLContext ctx, double seconds)
            throws SuspendExecution, java.io.IOException {
        GreenSocket plain = GreenSocket.connect(server);
        try (GreenSslSocket s = GreenSslSocket.client(plain, ctx, "localhost", 0)) {
            s.setOption(StandardSocketOptions.TCP_NODELAY, true);
            s.handshake();
            ByteBuffer out = ByteBuffer.wrap(new byte[MESSAGE]);
            ByteBuffer in = ByteBuffer.allocate(MESSAGE);
            long echoed = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long now;
            do {
                out.clear();
                s.writeFully(out);
                in.clear();
                while (in.hasRemaining()) {
                    if (s.read(in) < 0) {
                        throw new IllegalStateException("server closed");
                    }
                }
                echoed += MESSAGE;
            } while ((now = System.nanoTime()) < end);
            return echoed / ((now - start) / 1e9);
        }
    }

    // -------------------------------------------------------------------------------------------- JDK

    private static double jdk(SSLContext serverCtx, SSLContext clientCtx, double seconds) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) serverCtx.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setTcpNoDelay(true);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] buf = new byte[MESSAGE];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "jdk-tls-server");
            server.start();
            double rate;
            try (SSLSocket s = (SSLSocket) clientCtx.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                s.setTcpNoDelay(true);
                s.startHandshake();
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                byte[] msg = new byte[MESSAGE];
                byte[] back = new byte[MESSAGE];
                long echoed = 0;
                long start = System.nanoTime();
                long end = start + (long) (seconds * 1e9);
                long now;
                do {
                    out.write(msg);
                    if (in.readNBytes(back, 0, MESSAGE) != MESSAGE) {
                        throw new IllegalStateException("server closed");
                    }
                    echoed += MESSAGE;
                } while ((now = System.nanoTime()) < end);
                rate = echoed / ((now - start) / 1e9);
            }
            server.join();
            return rate;
        }
    }

    // -------------------------------------------------------------------------------------------- certificate

    /** A server context with a fresh self-signed certificate and a client context trusting it. */
    private static SSLContext[] contexts() throws Exception {
        Path dir = Files.createTempDirectory("greenhouse-tls-bench");
        Path store = dir.resolve("bench.p12");
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                    "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit", "-alias", "bench")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            char[] password = "changeit".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("bench", keys.getCertificate("bench"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            return new SSLContext[] {server, client};
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }
}
