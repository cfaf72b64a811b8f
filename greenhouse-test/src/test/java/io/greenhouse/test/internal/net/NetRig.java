package io.greenhouse.test.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.greenhouse.test.internal.Seeds;
import io.greenhouse.test.internal.TraceLog;

/**
 * A network model driven by hand: a plain clock, a trace, and {@link #runUntilIdle()}, which jumps the
 * clock from event to event as a simulated poller does. Records every dispatched wakeup.
 */
final class NetRig {
    static final long START = 946_684_800_000_000_000L;   // 2000-01-01T00:00:00Z in epoch nanos
    static final long MS = 1_000_000L;

    long now = START;
    final TraceLog trace = new TraceLog(START, true);
    final Network net;
    final List<String> wakeups = new ArrayList<>();

    NetRig(NetConfig config, long seed) {
        this.net = new Network(config, Seeds.stream(seed, Seeds.Purpose.NETWORK),
                config.randomTies() ? Seeds.stream(seed, Seeds.Purpose.SCHEDULE) : null,
                () -> now, (kind, host, detail) -> trace.append(now, kind, host == null ? null : host.name(), null, detail));
    }

    NetRig() {
        this(NetConfig.DEFAULT, 1);
    }

    /** Delivers every event, moving the clock to each; returns the number of events. */
    int runUntilIdle() {
        int n = 0;
        for (;;) {
            n += dispatch();
            long t = net.nextEventTime();
            if (t == Network.NONE) {
                return n;
            }
            now = Math.max(now, t);
            n += net.deliverDue(now);
        }
    }

    /** Delivers the events due up to {@code now + nanos} and moves the clock there. */
    void runFor(long nanos) {
        long end = now + nanos;
        for (;;) {
            dispatch();
            long t = net.nextEventTime();
            if (t > end) {
                now = end;
                return;
            }
            now = Math.max(now, t);
            net.deliverDue(now);
        }
    }

    private int dispatch() {
        List<NetObject> ready = new ArrayList<>();
        net.takeWakeups(ready);
        for (NetObject o : ready) {
            o.dispatch();
        }
        return 0;
    }

    /** Registers a listener on {@code o} that records {@code name:ops} at each wakeup. */
    <T extends NetObject> T watch(T o, String name) {
        o.setListener(ops -> wakeups.add(name + ":" + ops));
        return o;
    }

    /** Connects from {@code from} to {@code l} and accepts: {client, server}. */
    TcpEndpoint[] pair(NetHost from, TcpListener l) throws IOException {
        TcpEndpoint c = net.connect(from, l.localAddress());
        runUntilIdle();
        TcpEndpoint s = l.accept();
        if (s == null || !c.finishConnect()) {
            throw new AssertionError("not connected: " + c + ", " + s);
        }
        return new TcpEndpoint[] {c, s};
    }

    static int write(TcpEndpoint e, String text) throws IOException {
        return e.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads everything readable now: the text, or null at the end of the stream with nothing read. */
    static String readAll(TcpEndpoint e) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        int n;
        while ((n = e.read(b)) > 0) {
            // until it would block or ends
        }
        if (n < 0 && b.position() == 0) {
            return null;
        }
        b.flip();
        return StandardCharsets.UTF_8.decode(b).toString();
    }
}
