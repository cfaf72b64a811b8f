package io.greenhouse.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.Scheduler;

/**
 * TLS behaviour every I/O poller must give: {@link GreenSslSocket} and {@link GreenSslServerSocket} over
 * loopback, with a self-signed EC certificate for {@code localhost} made by the JDK's {@code keytool}.
 */
@Timeout(120)
abstract class TlsContractTest extends IoTestBase {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static Path keystore;
    private static SSLContext serverContext;      // holds the key
    private static SSLContext clientContext;      // trusts the certificate
    private static SSLContext untrustingContext;  // trusts the JDK's default authorities only

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path dir = Files.createTempDirectory("greenhouse-tls");
        keystore = dir.resolve("test.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit",
                "-alias", "test")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), US_ASCII);
        assertEquals(0, p.waitFor(), "keytool failed: " + output);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("test", keys.getCertificate("test"));
        clientContext = contextTrusting(trusted);
        untrustingContext = contextTrusting(null);
    }

    private static SSLContext contextTrusting(KeyStore trusted) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @AfterAll
    static void deleteCertificate() throws IOException {
        Files.deleteIfExists(keystore);
        Files.deleteIfExists(keystore.getParent());
    }

    private static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }

    private static String s(byte[] b) {
        return new String(b, US_ASCII);
    }

    private static byte[] pattern(int size, int seed) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + seed + (i >>> 8));
        }
        return data;
    }

    /** A TCP connection over loopback with TLS on both ends; no handshake yet. */
    private static final class TlsPair implements AutoCloseable {
        final GreenServerSocket listener;
        final GreenSocket clientPlain;
        final GreenSocket serverPlain;
        final GreenSslSocket client;
        final GreenSslSocket server;

        TlsPair(Connected c, GreenSslSocket client, GreenSslSocket server) {
            this.listener = c.server;
            this.clientPlain = c.client;
            this.serverPlain = c.handler;
            this.client = client;
            this.server = server;
        }

        @Override
        public void close() {
            client.close();
            server.close();
            listener.close();
        }
    }

    /** A pair whose client checks {@code host} with {@code clientCtx} and whose server allows {@code protocol}. */
    private static TlsPair open(SSLContext clientCtx, String host, String protocol)
            throws SuspendExecution, IOException, InterruptedException {
        Connected c = Connected.open();
        GreenSslSocket client = GreenSslSocket.client(c.client, clientCtx, host, Connected.port(c.server));
        SSLEngine engine = serverContext.createSSLEngine();
        engine.setUseClientMode(false);
        if (protocol != null) {
            engine.setEnabledProtocols(new String[] {protocol});
        }
        return new TlsPair(c, client, GreenSslSocket.wrap(c.handler, engine));
    }

    private static TlsPair open(String protocol) throws SuspendExecution, IOException, InterruptedException {
        return open(clientContext, "localhost", protocol);
    }

    /** Runs the client's handshake in a greenlet and the server's here. */
    private static void handshakeBoth(TlsPair pair) throws Exception {
        Greenlet g = Scheduler.schedule(pair.client::handshake);
        pair.server.handshake();
        g.join();
        assertNull(g.failure());
    }

    /** Echoes everything it reads, then closes. */
    private static Greenlet echo(GreenSslSocket s) {
        return Scheduler.schedule(() -> {
            ByteBuffer buf = ByteBuffer.allocate(20_000);
            while (s.read(buf) > 0) {
                buf.flip();
                s.writeFully(buf);
                buf.clear();
            }
            s.close();
        });
    }

    // ---------------------------------------------------------------------------------------- handshake

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void handshakeAgreesOnTheProtocolAndShowsThePeerCertificate(String protocol) throws Exception {
        try (TlsPair pair = open(protocol)) {
            handshakeBoth(pair);
            assertEquals(protocol, pair.client.session().getProtocol());
            assertEquals(protocol, pair.server.session().getProtocol());
            assertEquals(pair.client.session().getCipherSuite(), pair.server.session().getCipherSuite());
            assertEquals("CN=localhost", pair.client.session().getPeerPrincipal().getName());
            pair.client.handshake();   // done already: returns at once
        }
    }

    @Test
    void theDefaultProtocolIsTls13() throws Exception {
        try (TlsPair pair = open(null)) {
            handshakeBoth(pair);
            assertEquals("TLSv1.3", pair.client.session().getProtocol());
        }
    }

    @Test
    void untrustedServerFailsTheClientHandshake() throws Exception {
        try (TlsPair pair = open(untrustingContext, "localhost", null)) {
            List<Throwable> serverErrors = new ArrayList<>();
            Greenlet g = Scheduler.schedule(() -> {
                try {
                    pair.server.handshake();
                } catch (IOException e) {
                    serverErrors.add(e);
                }
            });
            assertThrows(SSLHandshakeException.class, pair.client::handshake);
            g.join();
            assertEquals(1, serverErrors.size());
            assertInstanceOf(SSLException.class, serverErrors.get(0));
            SSLException again = assertThrows(SSLException.class, () -> pair.client.read(ByteBuffer.allocate(1)));
            assertInstanceOf(SSLHandshakeException.class, again.getCause());
        }
    }

    @Test
    void untrustedServerFailsTheFirstRead() throws Exception {
        try (TlsPair pair = open(untrustingContext, "localhost", "TLSv1.2")) {
            Greenlet g = Scheduler.schedule(() -> {
                try {
                    pair.server.handshake();
                } catch (SSLException expected) {
                    // the client's alert
                }
            });
            assertThrows(SSLHandshakeException.class, () -> pair.client.recv(10));
            g.join();
        }
    }

    @Test
    void serverWithAnotherHostNameFailsTheClientHandshake() throws Exception {
        try (TlsPair pair = open(clientContext, "example.org", null)) {
            Greenlet g = Scheduler.schedule(() -> {
                try {
                    pair.server.handshake();
                } catch (SSLException expected) {
                    // the client's alert
                }
            });
            assertThrows(SSLHandshakeException.class, pair.client::handshake);
            g.join();
        }
    }

    @Test
    void peerClosingDuringTheHandshakeFailsIt() throws Exception {
        try (TlsPair pair = open(null)) {
            Greenlet g = Scheduler.schedule(() -> {
                pair.serverPlain.recv(1);   // the start of the client hello
                pair.serverPlain.shutdownOutput();
            });
            assertThrows(SSLHandshakeException.class, pair.client::handshake);
            g.join();
        }
    }

    @Test
    void handshakeTimeoutThrowsSocketTimeoutException() throws Exception {
        try (TlsPair pair = open(null)) {
            pair.client.setTimeout(0.05);
            assertEquals(0.05, pair.client.timeout());
            assertThrows(SocketTimeoutException.class, pair.client::handshake);
        }
    }

    @Test
    void endDuringTheHandshakeLeavesItResumable() throws Exception {
        try (TlsPair pair = open(null)) {
            Greenlet g = Scheduler.schedule(pair.client::handshake);
            Scheduler.pause();
            Scheduler.pause();
            Scheduler.end(g);
            g.join();
            assertTrue(g.isDead());
            assertNull(g.failure());
            handshakeBoth(pair);
            assertEquals("TLSv1.3", pair.client.session().getProtocol());
        }
    }

    // ---------------------------------------------------------------------------------------- data

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void smallMessagesGoBothWaysWithALazyHandshake(String protocol) throws Exception {
        try (TlsPair pair = open(protocol)) {
            Greenlet g = Scheduler.schedule(() -> {
                pair.client.sendAll(b("howdy"));
                assertEquals("hello, world", s(pair.client.recv(100)));
            });
            assertEquals("howdy", s(pair.server.recv(100)));
            assertEquals(12, pair.server.write(ByteBuffer.wrap(b("hello, world"))));
            g.join();
            assertNull(g.failure());
            assertEquals(protocol, pair.server.session().getProtocol());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void oneMebibyteEchoesBackByteForByte(String protocol) throws Exception {
        try (TlsPair pair = open(protocol)) {
            byte[] data = pattern(1 << 20, protocol.hashCode());
            Greenlet server = echo(pair.server);
            // No half-close here: a TLS 1.2 peer must answer close_notify with its own and stop writing.
            Greenlet writer = Scheduler.schedule(() -> pair.client.sendAll(data));
            byte[] got = new byte[data.length];
            ByteBuffer small = ByteBuffer.allocate(1000);
            ByteBuffer large = ByteBuffer.allocate(70_000);
            int off = 0;
            int n;
            for (int i = 0; off < data.length; i++) {
                ByteBuffer buf = i % 2 == 0 ? small : large;   // both the buffered and the direct path
                buf.clear().limit(Math.min(buf.capacity(), data.length - off));
                n = pair.client.read(buf);
                assertTrue(n > 0, "end of stream after " + off + " bytes");
                System.arraycopy(buf.array(), 0, got, off, n);
                off += n;
            }
            assertArrayEquals(data, got);
            writer.join();
            pair.client.close();
            server.join();
            assertNull(writer.failure());
            assertNull(server.failure());
        }
    }

    @Test
    void streamsReadAndWriteThroughTls() throws Exception {
        try (TlsPair pair = open(null)) {
            byte[] data = pattern(100_000, 7);
            Greenlet writer = Scheduler.schedule(() -> {
                OutputStream out = pair.client.outputStream();
                out.write(0x5A);
                out.write(data);
                out.write(data, 10, 20);
                pair.client.shutdownOutput();
            });
            InputStream in = pair.server.inputStream();
            assertEquals(0x5A, in.read());
            byte[] first = new byte[10];
            assertEquals(10, in.readNBytes(first, 0, 10));
            byte[] rest = in.readAllBytes();
            assertEquals(-1, in.read());
            byte[] expected = new byte[data.length + 20];
            System.arraycopy(data, 0, expected, 0, data.length);
            System.arraycopy(data, 10, expected, data.length, 20);
            byte[] got = new byte[first.length + rest.length];
            System.arraycopy(first, 0, got, 0, first.length);
            System.arraycopy(rest, 0, got, first.length, rest.length);
            assertArrayEquals(expected, got);
            writer.join();
            assertNull(writer.failure());
        }
    }

    // ---------------------------------------------------------------------------------------- closing

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void closeSendsCloseNotifyAndThePeerReadsEndOfStream(String protocol) throws Exception {
        try (TlsPair pair = open(protocol)) {
            handshakeBoth(pair);
            pair.client.sendAll(b("bye"));
            pair.client.close();
            assertTrue(pair.client.isClosed());
            assertEquals("bye", s(pair.server.recv(10)));
            assertEquals(-1, pair.server.read(ByteBuffer.allocate(10)));
            assertEquals(0, pair.server.recv(10).length);
            pair.client.close();   // twice: nothing
        }
    }

    @Test
    void shutdownOutputHalfClosesTls13() throws Exception {
        try (TlsPair pair = open("TLSv1.3")) {
            handshakeBoth(pair);
            pair.client.sendAll(b("last"));
            pair.client.shutdownOutput();
            assertEquals("last", s(pair.server.recv(10)));
            assertEquals(-1, pair.server.read(ByteBuffer.allocate(10)));
            pair.server.sendAll(b("still open"));
            assertEquals("still open", s(pair.client.recv(20)));
            assertThrows(SocketException.class, () -> pair.client.sendAll(b("x")));
        }
    }

    @Test
    void endOfStreamWithoutCloseNotifyReadsAsEndOfStream() throws Exception {
        try (TlsPair pair = open(null)) {
            handshakeBoth(pair);
            pair.server.sendAll(b("cut"));
            pair.serverPlain.close();
            assertEquals("cut", s(pair.client.recv(10)));
            assertEquals(-1, pair.client.read(ByteBuffer.allocate(10)));
        }
    }

    @Test
    void callsAfterCloseThrowClosedChannelException() throws Exception {
        try (TlsPair pair = open(null)) {
            handshakeBoth(pair);
            pair.client.close();
            assertThrows(ClosedChannelException.class, () -> pair.client.read(ByteBuffer.allocate(1)));
            assertThrows(ClosedChannelException.class, () -> pair.client.write(ByteBuffer.allocate(1)));
            assertThrows(ClosedChannelException.class, () -> pair.client.sendAll(b("x")));
            assertThrows(ClosedChannelException.class, pair.client::handshake);
            assertThrows(ClosedChannelException.class, pair.client::localAddress);
        }
    }

    // ---------------------------------------------------------------------------------------- waiting

    @Test
    void readTimeoutThrowsSocketTimeoutExceptionAndLeavesTheConnectionUsable() throws Exception {
        try (TlsPair pair = open(null)) {
            handshakeBoth(pair);
            pair.client.setTimeout(0.05);
            double start = Scheduler.time();
            assertThrows(SocketTimeoutException.class, () -> pair.client.recv(10));
            assertTrue(Scheduler.time() - start >= 0.05);
            pair.server.sendAll(b("late"));
            assertEquals("late", s(pair.client.recv(10)));
        }
    }

    @Test
    void scheduledExceptionComesOutOfAReadAndLeavesItUsable() throws Exception {
        try (TlsPair pair = open(null)) {
            handshakeBoth(pair);
            RuntimeException boom = new RuntimeException("boom");
            Throwable[] seen = new Throwable[1];
            String[] after = new String[1];
            Greenlet g = Scheduler.schedule(() -> {
                try {
                    pair.client.recv(10);
                } catch (RuntimeException e) {
                    seen[0] = e;
                }
                after[0] = s(pair.client.recv(10));
            });
            Scheduler.pause();
            assertTrue(poller().hasPendingWork());
            Scheduler.scheduleException(boom, g);
            Scheduler.pause();
            assertTrue(seen[0] == boom, String.valueOf(seen[0]));
            pair.server.sendAll(b("again"));
            g.join();
            assertNull(g.failure());
            assertEquals("again", after[0]);
        }
    }

    @Test
    void oneGreenletReadsWhileAnotherWrites() throws Exception {
        try (TlsPair pair = open(null)) {
            List<String> got = new ArrayList<>();
            Greenlet reader = Scheduler.schedule(() -> got.add(s(pair.client.recv(10))));
            Greenlet writer = Scheduler.schedule(() -> pair.client.sendAll(b("ping")));
            assertEquals("ping", s(pair.server.recv(10)));
            pair.server.sendAll(b("pong"));
            reader.join();
            writer.join();
            assertEquals(List.of("pong"), got);
        }
    }

    // ---------------------------------------------------------------------------------------- server socket

    @Test
    void fiftyConnectionsOnOneHub() throws Exception {
        int connections = 50;
        try (GreenSslServerSocket server = GreenSslServerSocket.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), connections, serverContext)) {
            Greenlet acceptor = Scheduler.schedule(() -> {
                for (int i = 0; i < connections; i++) {
                    GreenSslSocket s = server.accept();
                    Scheduler.schedule(() -> {
                        try (s) {
                            ByteBuffer buf = ByteBuffer.allocate(4096);
                            while (s.read(buf) > 0) {
                                buf.flip();
                                s.writeFully(buf);
                                buf.clear();
                            }
                            s.shutdownOutput();
                        }
                    });
                }
            });
            List<Greenlet> clients = new ArrayList<>();
            int[] ok = new int[1];
            for (int i = 0; i < connections; i++) {
                byte[] data = pattern(8192 + i, i);
                clients.add(Scheduler.schedule(() -> {
                    GreenSocket plain = GreenSocket.connect(server.localAddress());
                    try (GreenSslSocket s = GreenSslSocket.client(plain, clientContext, "localhost", 0)) {
                        s.sendAll(data);
                        s.shutdownOutput();
                        byte[] back = s.inputStream().readAllBytes();
                        assertArrayEquals(data, back);
                        ok[0]++;
                    }
                }));
            }
            for (Greenlet g : clients) {
                g.join();
                assertNull(g.failure());
            }
            acceptor.join();
            assertEquals(connections, ok[0]);
        }
    }

    @Test
    void serverSocketAppliesItsSslParameters() throws Exception {
        try (GreenSslServerSocket server = GreenSslServerSocket.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, serverContext)) {
            SSLParameters params = serverContext.getDefaultSSLParameters();
            params.setProtocols(new String[] {"TLSv1.2"});
            server.setSslParameters(params);
            Greenlet client = Scheduler.schedule(() -> {
                try (GreenSslSocket s = GreenSslSocket.client(GreenSocket.connect(server.localAddress()),
                        clientContext, "127.0.0.1", 0)) {
                    s.sendAll(b("hi"));
                }
            });
            try (GreenSslSocket s = server.accept()) {
                assertEquals("hi", s(s.recv(10)));
                assertEquals("TLSv1.2", s.session().getProtocol());
                assertEquals(server.localAddress(), s.localAddress());
            }
            client.join();
            assertNull(client.failure());
        }
    }
}
