package io.greenhouse.benchmarks.util;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import co.paralleluniverse.fibers.SuspendExecution;
import io.greenhouse.Greenlet;
import io.greenhouse.Hub;
import io.greenhouse.Scheduler;
import io.greenhouse.benchmarks.GreenhouseBenchmark;
import io.greenhouse.util.Channel;
import io.greenhouse.util.Queue;

/**
 * Ping-pong between two parties, in nanoseconds per round trip (a ping there and a pong back).
 *
 * <ul>
 * <li>{@code greenhouse}: the main greenlet and one greenlet on one hub, through two
 *     {@link io.greenhouse.util.Channel}s ({@code channel}) or two unbounded {@link io.greenhouse.util.Queue}s
 *     ({@code queue});</li>
 * <li>{@code jdk}: the benchmark thread and one platform thread, through two {@link SynchronousQueue}s
 *     ({@code channel}) or two {@code ArrayBlockingQueue(16)}s ({@code queue}).</li>
 * </ul>
 */
@OperationsPerInvocation(PingPongBenchmark.ROUND_TRIPS)
public class PingPongBenchmark extends GreenhouseBenchmark {
    static final int ROUND_TRIPS = 1000;
    private static final Integer BALL = 1;
    private static final Integer STOP = -1;

    /** greenhouse or jdk. */
    @Param({"greenhouse", "jdk"})
    public String impl;

    /** channel (rendezvous) or queue (buffered). */
    @Param({"channel", "queue"})
    public String primitive;

    private Ends greenEnds;                                  // greenhouse only
    private BlockingQueue<Integer> jdkPing;                  // jdk only
    private BlockingQueue<Integer> jdkPong;
    private Thread jdkPonger;
    private Greenlet greenPonger;

    /** Greenhouse's two directions, through whichever primitive. */
    private interface Ends {
        void ping(Integer v) throws SuspendExecution;
        Integer receivePing() throws SuspendExecution;
        void pong(Integer v) throws SuspendExecution;
        Integer receivePong() throws SuspendExecution;
    }

    @Setup(Level.Trial)
    public void start() {
        if (impl.equals("jdk")) {
            jdkPing = primitive.equals("channel") ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(16);
            jdkPong = primitive.equals("channel") ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(16);
            jdkPonger = new Thread(this::jdkPong, "ponger");
            jdkPonger.start();
            return;
        }
        GreenhouseBenchmark.hubWithRequestedPoller();
        greenEnds = primitive.equals("channel") ? channels() : queues();
        greenPonger = Scheduler.schedule(this::greenPong);
    }

    private static Ends channels() {
        Channel<Integer> ping = new Channel<>();
        Channel<Integer> pong = new Channel<>();
        return new Ends() {
            public void ping(Integer v) throws SuspendExecution { ping.send(v); }
            public Integer receivePing() throws SuspendExecution { return ping.receive(); }
            public void pong(Integer v) throws SuspendExecution { pong.send(v); }
            public Integer receivePong() throws SuspendExecution { return pong.receive(); }
        };
    }

    private static Ends queues() {
        Queue<Integer> ping = new Queue<>();
        Queue<Integer> pong = new Queue<>();
        return new Ends() {
            public void ping(Integer v) throws SuspendExecution { ping.put(v); }
            public Integer receivePing() throws SuspendExecution { return ping.get(); }
            public void pong(Integer v) throws SuspendExecution { pong.put(v); }
            public Integer receivePong() throws SuspendExecution { return pong.get(); }
        };
    }

    private void greenPong() throws SuspendExecution {
        for (;;) {
            Integer v = greenEnds.receivePing();
            if (v == STOP) {
                return;
            }
            greenEnds.pong(v);
        }
    }

    private void jdkPong() {
        try {
            for (;;) {
                Integer v = jdkPing.take();
                if (v == STOP) {
                    return;
                }
                jdkPong.put(v);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Benchmark
    public Integer pingPong() throws Exception {
        Integer last = null;
        if (greenEnds != null) {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                greenEnds.ping(BALL);
                last = greenEnds.receivePong();
            }
        } else {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                jdkPing.put(BALL);
                last = jdkPong.take();
            }
        }
        return last;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        if (greenEnds != null) {
            greenEnds.ping(STOP);
            greenPonger.join();
            Hub.current().close();
        } else {
            jdkPing.put(STOP);
            jdkPonger.join();
        }
    }
}
