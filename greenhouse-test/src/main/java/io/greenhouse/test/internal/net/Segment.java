package io.greenhouse.test.internal.net;

/**
 * A TCP segment on its way: the handshake, data, an end of stream, a window update or a reset.
 *
 * <p>Threading: the simulation's thread only.
 */
final class Segment extends NetEvent {
    enum Kind { SYN, SYN_ACK, DATA, FIN, ACK, RST }

    final Channel channel;   // immutable
    final Kind kind;         // immutable
    final byte[] data;       // immutable; DATA only
    final int credit;        // immutable; ACK only: bytes the receiver read, which the sender may send again

    Segment(Channel channel, Kind kind, byte[] data, int credit) {
        this.channel = channel;
        this.kind = kind;
        this.data = data;
        this.credit = credit;
    }

    @Override
    void happen() {
        channel.conn.net.tcp.arrive(this);
    }

    /** For the trace: {@code data 12B}, {@code ack 12B}, {@code syn}. */
    String describe() {
        switch (kind) {
            case DATA: return "data " + data.length + "B";
            case ACK: return "ack " + credit + "B";
            default: return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
