package io.greenhouse.io;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.greenhouse.GreenLockSupport;
import io.greenhouse.Greenlet;
import io.greenhouse.GreenletExit;
import io.greenhouse.Hub;
import io.greenhouse.HubInterruptedException;
import io.greenhouse.Scheduler;

/**
 * Socket behaviour every I/O poller must give. Ported tests keep greenhouse's names
 * ({@code tests/test_io.py} SocketPollerMixin, {@code test_scheduler.py}, {@code test_poller.py}).
 */
abstract class SocketContractTest extends IoTestBase {

    private static byte[] b(String s) {
        return s.getBytes(US_ASCII);
    }

    private static String s(byte[] b) {
        return new String(b, US_ASCII);
    }

    // ---------------------------------------------------------------- test_io.py SocketPollerMixin

    @Test
    void socketsBasic() throws Exception {
        try (Connected c = Connected.open()) {
            c.client.sendAll(b("howdy"));
            assertEquals("howdy", s(c.handler.recv(5)));
            c.handler.sendAll(b("hello, world"));
            assertEquals("hello, world", s(c.client.recv(12)));
        }
    }

    @Test
    void dataFollowedByThePeersCloseReadsTheDataThenEndOfStream() throws Exception {
        try (Connected c = Connected.open()) {
            int[] reads = new int[2];
            Greenlet reader = Scheduler.schedule(() -> {
                ByteBuffer buf = ByteBuffer.allocate(100);
                reads[0] = c.handler.read(buf);   // parks first: nothing has been sent yet
                reads[1] = c.handler.read(buf);   // the data's event also said the peer closed: no new one comes
            });
            Scheduler.pause();
            c.client.sendAll(new byte[] {1, 2, 3});
            c.client.close();
            reader.join();
            assertEquals(3, reads[0]);
            assertEquals(-1, reads[1], "the end of stream after a short read");
        }
    }

    @Test
    void partialRecv() throws Exception {
        try (Connected c = Connected.open()) {
            c.handler.sendAll(b("this is a long message"));
            assertEquals("this", s(c.client.recv(4)));
            assertEquals(" is", s(c.client.recv(3)));
            assertEquals(" a", s(c.client.recv(2)));
            assertEquals(" long", s(c.client.recv(5)));
            assertEquals(" message", s(c.client.recv(40)));
        }
    }

    @Test
    void recvWithClosedSock() throws Exception {
        try (Connected c = Connected.open()) {
            c.client.close();
            assertThrows(ClosedChannelException.class, () -> c.client.recv(10));
        }
    }

    @Test
    void recvInto() throws Exception {
        try (Connected c = Connected.open()) {
            c.client.sendAll(b("howdy"));
            ByteBuffer buf = ByteBuffer.allocate(5);
            assertEquals(5, c.handler.read(buf));
            assertEquals("howdy", s(buf.array()));
            c.handler.sendAll(b("hello, world"));
            ByteBuffer direct = ByteBuffer.allocateDirect(12);
            while (direct.hasRemaining()) {
                c.client.read(direct);
            }
            direct.flip();
            byte[] got = new byte[12];
            direct.get(got);
            assertEquals("hello, world", s(got));
        }
    }

    @Test
    void sendall() throws Exception {
        try (Connected c = Connected.open()) {
            c.client.sendAll(b("howdy"));
            assertEquals("howdy", s(c.handler.recv(5)));
            c.handler.write(ByteBuffer.wrap(b("hello, world")));
            assertEquals("hello, world", s(c.client.recv(12)));
        }
    }

    @Test
    void sockopts() throws Exception {
        try (Connected c = Connected.open()) {
            assertFalse(c.client.getOption(StandardSocketOptions.SO_REUSEADDR));
            c.client.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            assertTrue(c.client.getOption(StandardSocketOptions.SO_REUSEADDR));
            c.client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            assertTrue(c.client.getOption(StandardSocketOptions.TCP_NODELAY));
            c.client.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            assertTrue(c.client.getOption(StandardSocketOptions.SO_KEEPALIVE));
            assertTrue(c.server.getOption(StandardSocketOptions.SO_REUSEADDR));
        }
    }

    @Test
    void socketsBtwnGrlets() throws Exception {
        try (Connected c = Connected.open()) {
            List<String> results = new ArrayList<>();
            Scheduler.schedule(() -> {
                c.client.sendAll(b("hello from a greenlet"));
                results.add(s(c.client.recv(19)));
            });
            assertEquals("hello from a greenlet", s(c.handler.recv(21)));
            c.handler.sendAll(b("hello to a greenlet"));
            Scheduler.pause();
            assertEquals(List.of("hello to a greenlet"), results);
        }
    }

    @Test
    void socketfileRead() throws Exception {
        try (Connected c = Connected.open()) {
            InputStream reader = c.handler.inputStream();
            List<String> results = new ArrayList<>();
            Scheduler.schedule(() -> results.add(s(reader.readAllBytes())));
            for (String part : new String[] {"this", " is", " a", " test"}) {
                c.client.sendAll(b(part));
                Scheduler.pause();
                assertTrue(results.isEmpty());
            }
            c.client.close();
            Scheduler.pause();
            assertEquals(List.of("this is a test"), results);
        }
    }

    @Test
    void socketTimeout() throws Exception {
        try (Connected c = Connected.open()) {
            c.client.setTimeout(0.05);
            assertEquals(0.05, c.client.timeout());
            double start = Scheduler.time();
            assertThrows(SocketTimeoutException.class, () -> c.client.recv(10));
            assertTrue(Scheduler.time() - start >= 0.05);
        }
    }

    @Test
    void socketTimeoutInGrlet() throws Exception {
        try (Connected c = Connected.open()) {
            List<Throwable> errors = new ArrayList<>();
            Greenlet g = Scheduler.schedule(() -> {
                c.client.setTimeout(0.05);
                try {
                    c.client.recv(10);
                } catch (SocketTimeoutException e) {
                    errors.add(e);
                }
            });
            g.join();
            assertEquals(1, errors.size());
        }
    }

    @Test
    void blockOnAccept() throws Exception {
        try (GreenServerSocket server = GreenServerSocket.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5)) {
            Scheduler.schedule(() -> {
                GreenSocket client = GreenSocket.connect(server.localAddress());
                client.sendAll(b("howdy"));
            });
            try (GreenSocket handler = server.accept()) {
                assertEquals("howdy", s(handler.recv(5)));
            }
        }
    }

    @Test
    void getnames() throws Exception {
        try (Connected c = Connected.open()) {
            assertEquals(c.client.localAddress(), c.handler.remoteAddress());
            assertEquals(c.client.remoteAddress(), c.handler.localAddress());
        }
    }

    /** greenhouse's non-blocking recv: here a timeout of 0, which gives up after one loop round. */
    @Test
    void nonBlockingRecv() throws Exception {
        try (Connected c = Connected.open()) {
            c.client.setTimeout(0);
            assertThrows(SocketTimeoutException.class, () -> c.client.recv(1024));
            assertThrows(SocketTimeoutException.class, () -> c.client.read(ByteBuffer.allocate(5)));
        }
    }

    @Test
    void nonBlockingAccept() throws Exception {
        try (GreenServerSocket server = GreenServerSocket.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5)) {
            server.setTimeout(0);
            assertThrows(SocketTimeoutException.class, server::accept);
        }
    }

    /** greenhouse's test_socket_module_default: accepted sockets do not inherit the listener's timeout. */
    @Test
    void acceptedSocketHasNoTimeout() throws Exception {
        try (Connected c = Connected.open()) {
            c.server.setTimeout(0.05);
            assertEquals(-1, c.handler.timeout());
        }
    }

    @Test
    void fdPollerCleanupWithException() throws Exception {
        int before = poller().openHandles();
        assertThrows(IllegalArgumentException.class, () -> GreenSocket.connect("", 893748));
        assertEquals(before, poller().openHandles());
    }

    // ---------------------------------------------------------------- other greenhouse tests

    /** test_scheduler.py test_socketpolling: after the send, one pause suffices for the reader. */
    @Test
    void socketpolling() throws Exception {
        try (Connected c = Connected.open()) {
            boolean[] done = new boolean[1];
            Scheduler.schedule(() -> {
                c.client.recv(10);
                done[0] = true;
            });
            Scheduler.pause();
            Scheduler.pause();
            assertFalse(done[0]);
            c.handler.sendAll(b("hi"));
            Scheduler.pause();
            assertTrue(done[0]);
        }
    }

    /** test_poller.py test_poller_registration_rollback: a write wait must not drop a pending read wait. */
    @Test
    void pollerRegistrationRollback() throws Exception {
        try (Connected c = Connected.open()) {
            boolean[] r = new boolean[1];
            Scheduler.schedule(() -> {
                assertEquals("hiya", s(c.client.recv(10)));
                r[0] = true;
            });
            Scheduler.pause();
            c.client.sendAll(b("howdy"));
            assertEquals("howdy", s(c.handler.recv(10)));
            Scheduler.pause();
            assertFalse(r[0]);
            c.handler.sendAll(b("hiya"));
            Scheduler.pauseFor(0.05);
            assertTrue(r[0]);
        }
    }

    // ---------------------------------------------------------------- the rest of the API

    @Test
    void pairIsConnected() throws Exception {
        GreenSocket[] pair = GreenSocket.pair();
        try {
            pair[0].sendAll(b("ping"));
            assertEquals("ping", s(pair[1].recv(4)));
            pair[1].sendAll(b("pong"));
            assertEquals("pong", s(pair[0].recv(4)));
        } finally {
            pair[0].close();
            pair[1].close();
        }
    }

    @Test
    void connectByNameResolvesOffTheHubThread() throws Exception {
        try (GreenServerSocket server = GreenServerSocket.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5)) {
            Greenlet g = Scheduler.schedule(() -> {
                try (GreenSocket s = GreenSocket.connect("localhost", Connected.port(server))) {
                    s.sendAll(b("by name"));
                }
            });
            try (GreenSocket h = server.accept()) {
                assertEquals("by name", s(h.recv(7)));
            }
            g.join();
            assertNull(g.failure());
        }
    }

    @Test
    void unknownHostThrowsUnknownHostException() {
        assertThrows(java.net.UnknownHostException.class,
                () -> GreenSocket.connect("no-such-host.invalid", 80));
    }

    @Test
    void anUnknownHostCarriesTheStackOfTheGreenletThatAsked() throws Exception {
        Throwable[] thrown = {null};
        Greenlet g = Scheduler.schedule(() -> {
            try {
                GreenSocket.connect("no-such-host.invalid", 80);
            } catch (java.net.UnknownHostException e) {
                thrown[0] = e;
            }
        });
        g.join();
        Throwable e = thrown[0];
        assertNotNull(e);
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
        boolean fromThisTest = false;
        for (StackTraceElement frame : e.getStackTrace()) {
            fromThisTest |= frame.getClassName().startsWith(SocketContractTest.class.getName());
        }
        assertTrue(fromThisTest, "the stack shows who asked, not only the resolver thread");
    }

    @Test
    void shutdownOutputGivesPeerEndOfStream() throws Exception {
        try (Connected c = Connected.open()) {
            c.client.sendAll(b("last"));
            c.client.shutdownOutput();
            assertEquals("last", s(c.handler.recv(10)));
            assertEquals(-1, c.handler.read(ByteBuffer.allocate(10)));
            assertEquals(0, c.handler.recv(10).length);
            c.handler.sendAll(b("still open"));
            assertEquals("still open", s(c.client.recv(10)));
        }
    }

    @Test
    void outputStreamWritesEverything() throws Exception {
        try (Connected c = Connected.open()) {
            byte[] data = new byte[300_000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 7);
            }
            Scheduler.schedule(() -> {
                c.client.outputStream().write(data);
                c.client.shutdownOutput();
            });
            assertArrayEquals(data, c.handler.inputStream().readAllBytes());
        }
    }

    // ---------------------------------------------------------------- faults

    @Test
    void connectToClosedPortThrowsConnectException() throws Exception {
        int port;
        try (GreenServerSocket s = GreenServerSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1)) {
            port = Connected.port(s);
        }
        int before = poller().openHandles();
        InetSocketAddress closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        ConnectException e = assertThrows(ConnectException.class, () -> GreenSocket.connect(closed));
        assertTrue(e.getMessage().contains(closed.toString()), "names the address: " + e.getMessage());
        assertEquals(before, poller().openHandles());
    }

    @Test
    void aConnectTimeoutNamesTheAddress() throws Exception {
        try (GreenServerSocket full = GreenServerSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1)) {
            List<GreenSocket> fillers = Connected.fillAcceptQueue(full);
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> GreenSocket.connect(full.localAddress(), 0.05));
            assertTrue(e.getMessage().contains(full.localAddress().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("0.05 s"), e.getMessage());
            fillers.forEach(GreenSocket::close);
        }
    }

    @Test
    void peerResetFailsTheNextCall() throws Exception {
        try (Connected c = Connected.open()) {
            c.handler.setOption(StandardSocketOptions.SO_LINGER, 0);
            c.handler.close();
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    if (c.client.recv(10).length == 0) {
                        c.client.sendAll(b("x"));
                    }
                }
            });
            assertFalse(e instanceof ClosedChannelException, e.toString());
        }
    }

    @Test
    void anAcceptLoopEndsCleanlyWhenItsServerCloses() throws Exception {
        // The README's echo server: closing the server ends accept() with a ClosedChannelException.
        GreenServerSocket server = GreenServerSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        io.greenhouse.util.Queue<String> served = new io.greenhouse.util.Queue<>();
        Greenlet acceptor = Scheduler.schedule(() -> {
            try {
                for (;;) {
                    GreenSocket client = server.accept();
                    Scheduler.schedule(() -> {
                        try (client) {
                            served.put(s(client.recv(5)));
                        }
                    });
                }
            } catch (ClosedChannelException closed) {
                served.put(closed.getClass().getSimpleName());
            }
        });
        try (GreenSocket c = GreenSocket.connect(server.localAddress())) {
            c.sendAll(b("hello"));
        }
        assertEquals("hello", served.get());
        server.close();
        acceptor.joinOrThrow();
        assertEquals("AsynchronousCloseException", served.get(), "woken in accept() by the close");
        assertThrows(ClosedChannelException.class, server::accept, "and a later accept() too");
    }

    @Test
    void callsAfterCloseThrowClosedChannelException() throws Exception {
        Connected c = Connected.open();
        c.close();
        c.close();
        assertTrue(c.client.isClosed());
        assertThrows(ClosedChannelException.class, () -> c.client.read(ByteBuffer.allocate(1)));
        assertThrows(ClosedChannelException.class, () -> c.client.write(ByteBuffer.allocate(1)));
        assertThrows(ClosedChannelException.class, () -> c.client.sendAll(b("x")));
        assertThrows(ClosedChannelException.class, c.client::localAddress);
        assertThrows(ClosedChannelException.class, c.server::accept);
    }

    @Test
    void closeWakesEveryGreenletBlockedOnTheSocket() throws Exception {
        try (Connected c = Connected.open()) {
            c.client.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            List<Throwable> errors = new ArrayList<>();
            Greenlet reader = Scheduler.schedule(() -> {
                try {
                    c.client.recv(10);
                } catch (AsynchronousCloseException e) {
                    errors.add(e);
                }
            });
            Greenlet writer = Scheduler.schedule(() -> {
                try {
                    c.client.sendAll(new byte[64 << 20]);
                } catch (AsynchronousCloseException e) {
                    errors.add(e);
                }
            });
            Scheduler.pause();
            Scheduler.pause();
            assertFalse(reader.isDead());
            assertFalse(writer.isDead());
            c.client.close();
            reader.join();
            writer.join();
            assertEquals(2, errors.size());
            assertFalse(poller().hasPendingWork());
        }
    }

    @Test
    void closeWakesAccept() throws Exception {
        GreenServerSocket server = GreenServerSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        Greenlet g = Scheduler.schedule(server::accept);
        Scheduler.pause();
        server.close();
        uncaught.clear();
        g.join();
        uncaught.clear();
        assertInstanceOf(AsynchronousCloseException.class, g.failure());
    }

    @Test
    void scheduledExceptionLeavesReadAndSocketUsable() throws Exception {
        try (Connected c = Connected.open()) {
            RuntimeException boom = new RuntimeException("boom");
            Throwable[] seen = new Throwable[1];
            Greenlet g = Scheduler.schedule(() -> {
                try {
                    c.client.recv(10);
                } catch (RuntimeException e) {
                    seen[0] = e;
                }
                seen[0] = seen[0] == null ? new AssertionError("no exception") : seen[0];
                assertEquals("again", s(c.client.recv(10)));
            });
            Scheduler.pause();
            assertTrue(poller().hasPendingWork());
            assertNotNull(poller().describeWait(g));
            Scheduler.scheduleException(boom, g);
            Scheduler.pause();
            assertTrue(seen[0] == boom);
            c.handler.sendAll(b("again"));
            g.join();
            assertNull(g.failure());
            assertFalse(poller().hasPendingWork());
        }
    }

    @Test
    void endDuringAcceptLeavesListenerUsable() throws Exception {
        try (GreenServerSocket server = GreenServerSocket.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5)) {
            Greenlet g = Scheduler.schedule(server::accept);
            Scheduler.pause();
            Scheduler.end(g);
            g.join();
            assertNull(g.failure());
            assertFalse(poller().hasPendingWork());
            Greenlet client = Scheduler.schedule(() -> GreenSocket.connect(server.localAddress()).close());
            server.accept().close();
            client.join();
        }
    }

    @Test
    void scheduledExceptionDuringConnectClosesTheSocket() throws Exception {
        try (GreenServerSocket full = GreenServerSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1)) {
            List<GreenSocket> fillers = Connected.fillAcceptQueue(full);
            // The accept queue is full: the connect stays in progress until the exception arrives.
            int before = poller().openHandles();
            Greenlet g = Scheduler.schedule(() -> GreenSocket.connect(full.localAddress()));
            Scheduler.pause();
            Scheduler.end(g);
            g.join();
            assertTrue(g.isDead());
            assertNull(g.failure());
            assertEquals(before, poller().openHandles());
            fillers.forEach(GreenSocket::close);
        }
    }

    @Test
    @Timeout(10)
    void interruptWakesEveryIoWaiterWithInterruptedIOException() throws Exception {
        try (Connected c = Connected.open()) {
            List<Throwable> errors = new ArrayList<>();
            for (GreenSocket s : new GreenSocket[] {c.client, c.handler}) {
                Scheduler.schedule(() -> {
                    try {
                        s.recv(10);
                    } catch (InterruptedIOException e) {
                        errors.add(e);
                    }
                });
            }
            Scheduler.pause();
            Thread hubThread = Thread.currentThread();
            Thread interrupter = new Thread(hubThread::interrupt);
            interrupter.start();
            assertThrows(HubInterruptedException.class, () -> {
                for (;;) {
                    Scheduler.pause();
                }
            }, "the main greenlet's blocking call ends too");
            assertEquals(2, errors.size(), "the I/O waiters were woken before it");
            assertTrue(Thread.interrupted(), "the status stays set");
            interrupter.join();
            c.handler.sendAll(b("ok"));
            assertEquals("ok", s(c.client.recv(2)));
        }
    }

    @Test
    void ignoredInterruptLeavesIoWaitersWaiting() throws Exception {
        try (Connected c = Connected.open()) {
            Scheduler.setIgnoreInterrupts(true);
            String[] got = new String[1];
            Greenlet g = Scheduler.schedule(() -> got[0] = s(c.client.recv(10)));
            Scheduler.pause();
            Thread.currentThread().interrupt();
            Scheduler.pause();
            assertFalse(Thread.currentThread().isInterrupted());
            assertFalse(g.isDead());
            c.handler.sendAll(b("after"));
            g.join();
            assertEquals("after", got[0]);
        }
    }

    // ---------------------------------------------------------------- the poller itself

    @Test
    void pollWaitsNoLongerThanItsTimeout() {
        double start = Scheduler.time();
        poller().poll(50_000_000L, false);
        double elapsed = Scheduler.time() - start;
        assertTrue(elapsed >= 0.045 && elapsed < 1.0, "elapsed " + elapsed);
    }

    @Test
    @Timeout(10)
    void wakeupFromAnotherThreadEndsAnEndlessPoll() throws Exception {
        Hub hub = Hub.current();
        Greenlet main = Scheduler.current();
        hub.keepAlive(true);
        try {
            Thread other = new Thread(() -> hub.execute(() -> GreenLockSupport.unpark(main)));
            other.start();
            GreenLockSupport.park("the other thread");
            other.join();
        } finally {
            hub.keepAlive(false);
        }
    }

    @Test
    void hasPendingWorkOnlyWhileAGreenletWaitsForIo() throws Exception {
        try (Connected c = Connected.open()) {
            assertFalse(poller().hasPendingWork());
            Greenlet g = Scheduler.schedule(() -> c.client.recv(1));
            Scheduler.pause();
            assertTrue(poller().hasPendingWork());
            String wait = poller().describeWait(g);
            assertTrue(wait != null && wait.startsWith("read on"), wait);
            c.handler.sendAll(b("x"));
            g.join();
            assertFalse(poller().hasPendingWork());
            assertNull(poller().describeWait(g));
        }
    }

    @Test
    void closingTheHubClosesItsSockets() throws Exception {
        Connected c = Connected.open();
        Hub.current().close();
        assertTrue(c.client.isClosed());
        assertTrue(c.server.isClosed());
    }

    @Test
    void noDescriptorLeaks() throws Exception {
        churn();                      // warm-up: the JDK opens some descriptors once
        Hub.current().close();
        long before = openFds();
        Scheduler.resetPoller(newPoller());
        for (int i = 0; i < 20; i++) {
            churn();
        }
        Hub.current().close();
        assertEquals(before, openFds());
        Scheduler.resetPoller(newPoller());
    }

    private void churn() throws Exception {
        try (Connected c = Connected.open()) {
            c.client.sendAll(b("x"));
            c.handler.recv(1);
        }
        GreenSocket[] pair = GreenSocket.pair();
        pair[0].close();
        pair[1].close();
        int port;
        try (GreenServerSocket s = GreenServerSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1)) {
            port = Connected.port(s);
        }
        assertThrows(ConnectException.class,
                () -> GreenSocket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        Greenlet g = Scheduler.schedule(() -> {
            try (Connected c = Connected.open()) {
                c.client.recv(1);
            }
        });
        Scheduler.pause();
        Scheduler.pause();
        Scheduler.pause();
        Scheduler.scheduleException(new GreenletExit(), g);
        g.join();
    }
}
