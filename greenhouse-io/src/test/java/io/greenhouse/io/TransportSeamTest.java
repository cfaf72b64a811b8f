package io.greenhouse.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Hub;
import io.greenhouse.Poller;
import io.greenhouse.internal.HubAudit;
import io.greenhouse.io.internal.DatagramHandle;
import io.greenhouse.io.internal.ListenerHandle;
import io.greenhouse.io.internal.Offload;
import io.greenhouse.io.internal.StreamHandle;
import io.greenhouse.io.internal.Transport;

/**
 * The transport SPI is the seam under the public sockets: a network that is its own poller (as a simulated one
 * is) installs with {@code Hub.install} and the public classes use it, name resolution and blocking calls
 * included, without knowing.
 */
class TransportSeamTest {
    private final RefusingNetwork network = new RefusingNetwork();
    private HubAudit audit;

    /** Resolves names from a table, refuses every connection, runs blocking calls inline. */
    static final class RefusingNetwork extends Transport implements Poller {
        final List<String> resolved = new ArrayList<>();

        @Override
        public void poll(long timeoutNanos, boolean ignoreInterrupts) {
        }

        @Override
        public void wakeup() {
        }

        @Override
        protected void closeResources() {
        }

        @Override
        public StreamHandle openStream(InetSocketAddress remote) throws IOException {
            throw new ConnectException("refused by the test network: " + remote);
        }

        @Override
        public ListenerHandle openListener(InetSocketAddress local, int backlog) throws IOException {
            throw new UnsupportedOperationException("listeners");
        }

        @Override
        public DatagramHandle openDatagram(InetSocketAddress local) throws IOException {
            throw new UnsupportedOperationException("datagrams");
        }

        @Override
        public StreamHandle[] openPipe() throws IOException {
            throw new UnsupportedOperationException("pipes");
        }

        @Override
        public InetAddress resolve(String host) throws SuspendExecution, IOException {
            resolved.add(host);
            return InetAddress.getByAddress(host, new byte[] {127, 77, 0, 1});
        }

        @Override
        public <T> T call(Callable<T> task) throws IOException {
            try {
                return task.call();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }

        @Override
        public String name() {
            return "refusing";
        }
    }

    @BeforeEach
    void installTheNetwork() {
        Hub.current().close();
        Hub.install(Clock.systemUTC(), network);
        audit = HubAudit.attach();
    }

    @AfterEach
    void closeTheHub() {
        AssertionError problems = audit.failure();
        Hub.current().close();
        if (problems != null) {
            throw problems;
        }
    }

    @Test
    void theHubsTransportIsTheInstalledNetwork() {
        assertSame(network, Transport.current());
    }

    @Test
    void connectByNameResolvesThroughTheTransportAndConnectsThroughIt() {
        ConnectException e = assertThrows(ConnectException.class, () -> GreenSocket.connect("alpha", 80));
        assertEquals(List.of("alpha"), network.resolved);
        assertTrue(e.getMessage().contains("127.77.0.1:80"), e.getMessage());
    }

    @Test
    void anIpLiteralIsNotResolved() {
        assertThrows(ConnectException.class, () -> GreenSocket.connect(new InetSocketAddress("10.0.0.1", 80)));
        assertEquals(List.of(), network.resolved);
    }

    @Test
    void blockingCallsRunAsTheTransportRunsThem() throws Exception {
        assertSame(Thread.currentThread(), Offload.call(Thread::currentThread), "inline, on the hub's thread");
    }

    @Test
    void aClosedTransportIsNoLongerTheHubs() {
        Hub.current().close();
        Hub.install(Clock.systemUTC(), new io.greenhouse.PortablePoller());
        audit = HubAudit.attach();
        IllegalStateException e = assertThrows(IllegalStateException.class, Transport::current);
        assertTrue(e.getMessage().contains("Scheduler.resetPoller()"), e.getMessage());
    }
}
