package io.greenhouse.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.greenhouse.test.internal.Seeds;
import io.greenhouse.test.internal.net.NetConfig;

/**
 * The settings a {@link Simulation.Builder} collects, each checked as it is set, and the network
 * configuration they make.
 *
 * <p>Threading: one thread, the builder's.
 */
final class SimulationSettings {
    Long seed;                                  // null: -Dgreenhouse.seed, else random
    Instant start = Simulation.DEFAULT_START;
    Duration minLatency = Duration.ZERO;
    Duration maxLatency = Duration.ZERO;
    double lossRate;
    double duplicateRate;
    boolean shortIo;
    Schedule schedule = Schedule.FIFO;
    Duration timeLimit = Simulation.DEFAULT_TIME_LIMIT;
    boolean keepTraceLines = true;

    /** The seed set, else {@code -Dgreenhouse.seed}, else a random one. */
    long seedOrDefault() {
        if (seed != null) {
            return seed;
        }
        Long s = Seeds.fromSystemProperty();
        return s != null ? s : Seeds.random();
    }

    void latency(Duration min, Duration max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("latency needs 0 <= min <= max: min " + min + ", max " + max);
        }
        this.minLatency = min;
        this.maxLatency = max;
    }

    void timeLimit(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive: " + limit);
        }
        this.timeLimit = limit;
    }

    static double rate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + rate);
        }
        return rate;
    }

    /** The network's configuration: latency, datagram faults, short I/O, and random ties under RANDOM. */
    NetConfig netConfig() {
        return NetConfig.DEFAULT.withLatency(minLatency.toNanos(), maxLatency.toNanos())
                .withDatagramFaults(lossRate, duplicateRate).withShortIo(shortIo)
                .withRandomTies(schedule == Schedule.RANDOM);
    }
}
