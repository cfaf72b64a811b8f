package io.greenhouse.test.internal.net;

/**
 * The settings of a simulated network, fixed for a run.
 *
 * @param minLatencyNanos the least one-way delay of a message
 * @param maxLatencyNanos the greatest one-way delay; each message draws uniformly in [min, max]
 * @param lossRate        the probability that a datagram is lost (TCP is reliable)
 * @param duplicateRate   the probability that a datagram arrives twice
 * @param shortIo         whether each stream read and write moves a uniformly drawn part (at least 1 byte)
 *                        of what it could
 * @param randomTies      whether messages of different connections that arrive at the same instant arrive in
 *                        a seeded order instead of the order they were sent
 * @param sendBuffer      the bytes a stream writer may have in flight before the peer has received them
 * @param receiveBuffer   the bytes a stream reader may hold unread; together with {@code sendBuffer}, what a
 *                        writer can write to a peer that does not read before it blocks
 * @param datagramQueue   the datagrams a datagram socket holds unread; more are dropped
 */
public record NetConfig(long minLatencyNanos, long maxLatencyNanos, double lossRate, double duplicateRate,
                        boolean shortIo, boolean randomTies, int sendBuffer, int receiveBuffer, int datagramQueue) {

    /** The defaults: no latency, no loss, no duplication, whole reads and writes, 64 KiB buffers, 64 datagrams. */
    public static final NetConfig DEFAULT = new NetConfig(0, 0, 0, 0, false, false, 65536, 65536, 64);

    /**
     * Checks every setting.
     *
     * @param minLatencyNanos the shortest one-way delay
     * @param maxLatencyNanos the longest one-way delay
     * @param lossRate the probability that a datagram is lost
     * @param duplicateRate the probability that a datagram arrives twice
     * @param shortIo whether reads and writes move a seeded part of what they could
     * @param randomTies whether deliveries due at the same instant are ordered by a seeded draw
     * @param sendBuffer the bytes a connection's sender may have unacknowledged
     * @param receiveBuffer the bytes a connection's receiver buffers
     * @param datagramQueue the datagrams a socket buffers
     */
    public NetConfig {
        if (minLatencyNanos < 0 || maxLatencyNanos < minLatencyNanos) {
            throw new IllegalArgumentException("latency needs 0 <= min <= max: min " + minLatencyNanos
                    + " ns, max " + maxLatencyNanos + " ns");
        }
        checkRate("lossRate", lossRate);
        checkRate("duplicateRate", duplicateRate);
        if (sendBuffer < 1 || receiveBuffer < 1 || datagramQueue < 1) {
            throw new IllegalArgumentException("buffers must hold at least one: sendBuffer " + sendBuffer
                    + ", receiveBuffer " + receiveBuffer + ", datagramQueue " + datagramQueue);
        }
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + rate);
        }
    }

    /**
     * This configuration with another latency range.
     *
     * @param minNanos the shortest one-way delay
     * @param maxNanos the longest one-way delay
     * @return the new configuration
     */
    public NetConfig withLatency(long minNanos, long maxNanos) {
        return new NetConfig(minNanos, maxNanos, lossRate, duplicateRate, shortIo, randomTies, sendBuffer,
                receiveBuffer, datagramQueue);
    }

    /**
     * This configuration with other datagram loss and duplication rates.
     *
     * @param loss the datagram loss rate
     * @param duplicate the datagram duplication rate
     * @return the new configuration
     */
    public NetConfig withDatagramFaults(double loss, double duplicate) {
        return new NetConfig(minLatencyNanos, maxLatencyNanos, loss, duplicate, shortIo, randomTies, sendBuffer,
                receiveBuffer, datagramQueue);
    }

    /**
     * This configuration with short reads and writes on or off.
     *
     * @param on whether reads and writes are short
     * @return the new configuration
     */
    public NetConfig withShortIo(boolean on) {
        return new NetConfig(minLatencyNanos, maxLatencyNanos, lossRate, duplicateRate, on, randomTies, sendBuffer,
                receiveBuffer, datagramQueue);
    }

    /**
     * This configuration with seeded or sending-order ties.
     *
     * @param on whether ties are seeded
     * @return the new configuration
     */
    public NetConfig withRandomTies(boolean on) {
        return new NetConfig(minLatencyNanos, maxLatencyNanos, lossRate, duplicateRate, shortIo, on, sendBuffer,
                receiveBuffer, datagramQueue);
    }

    /**
     * This configuration with other buffer sizes.
     *
     * @param send the send buffer, in bytes
     * @param receive the receive buffer, in bytes
     * @param datagrams the datagram queue, in datagrams
     * @return the new configuration
     */
    public NetConfig withBuffers(int send, int receive, int datagrams) {
        return new NetConfig(minLatencyNanos, maxLatencyNanos, lossRate, duplicateRate, shortIo, randomTies, send,
                receive, datagrams);
    }
}
