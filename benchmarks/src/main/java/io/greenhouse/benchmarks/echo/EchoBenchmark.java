package io.greenhouse.benchmarks.echo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import io.greenhouse.Hub;
import io.greenhouse.Poller;
import io.greenhouse.Scheduler;
import io.greenhouse.io.EpollPoller;
import io.greenhouse.io.GreenServerSocket;
import io.greenhouse.io.GreenSocket;
import io.greenhouse.io.NioPoller;

/**
 * The echo comparison of BENCHMARKS.md: green echo servers (epoll and NIO pollers) against plain Netty 4.2
 * epoll and NIO echo servers, driven by the same closed-loop client (a Netty epoll client on one thread:
 * every connection sends 64 bytes, waits for the echo, sends again). For each connection count, rounds
 * are interleaved A B C D and the table shows medians and the ratio to plain Netty epoll.
 *
 * <p>Run (after {@code mvn -B -o install -DskipTests}):
 * <pre>
 * java -javaagent:greenhouse-quasar/target/greenhouse-quasar-0.1.0-SNAPSHOT.jar \
 *   --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
 *   --add-opens java.base/java.util.concurrent=ALL-UNNAMED --add-opens java.base/java.lang.reflect=ALL-UNNAMED \
 *   -cp benchmarks/target/benchmarks.jar io.greenhouse.benchmarks.echo.EchoBenchmark [rounds] [seconds]
 * </pre>
 * On the JDK backend, instead of the agent: {@code -Dgreenhouse.backend=jdk --add-exports
 * java.base/jdk.internal.vm=ALL-UNNAMED} (JDK 21+).
 * Arguments: rounds (5), seconds per round (2), servers besides netty-epoll (all; e.g. {@code green-epoll}),
 * connection counts ({@code 50,1000}). The client (a Netty epoll closed loop on one thread) runs in a child
 * JVM pinned to core 1 while this JVM is pinned to core 0 ({@code taskset}); with {@code -Decho.inProcess=true}
 * or without taskset it runs on a thread of this JVM. Each server runs on one thread.
 */
public final class EchoBenchmark {
    private static final int MESSAGE = 64;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private EchoBenchmark() {
    }

    /** A running server: its address and how to stop it. */
    interface Server extends AutoCloseable {
        SocketAddress address();

        /** CPU time used so far by the server's one thread, in ns. */
        long cpuNanos();

        @Override
        void close() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("client")) {
            ClientProcess.serve();
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        String only = args.length > 2 ? args[2] : "";
        int[] counts = args.length > 3
                ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {50, 1000};
        Map<String, Supplier<Server>> servers = new LinkedHashMap<>();
        servers.put("netty-epoll", () -> netty(EpollIoHandler.newFactory(), EpollServerSocketChannel.class));
        servers.put("green-epoll", () -> green(EpollPoller::new));
        servers.put("netty-nio", () -> netty(NioIoHandler.newFactory(), NioServerSocketChannel.class));
        servers.put("green-nio", () -> green(NioPoller::new));
        if (!only.isEmpty()) {
            List<String> keep = Arrays.asList(only.split(","));
            servers.keySet().removeIf(k -> !k.equals("netty-epoll") && !keep.contains(k));
        }
        Load load = ClientProcess.start();
        System.out.printf("echo benchmark: JDK %s, greenhouse backend %s, %d-byte messages, %d interleaved rounds x "
                + "%.1f s (+%.1f s warm-up), medians; pollers: green-epoll=%s, green-nio=%s%n", Runtime.version(),
                System.getProperty("greenhouse.backend", "quasar"), MESSAGE, rounds, seconds, seconds / 2,
                new EpollPoller.Provider().name(), new NioPoller.Provider().name());
        System.out.println("placement: " + load.placement());
        System.out.println("vs epoll: median of the per-round ratios of req/s to netty-epoll's; cpu ns/req: the server "
                + "thread's CPU time per echo (warm-up included); cpu vs epoll: netty-epoll's cpu ns/req over this one");
        System.out.printf("%-12s %6s %10s %9s %9s %9s %9s %9s %11s %11s%n", "server", "conns", "req/s", "vs epoll",
                "p50 us", "p90 us", "p99 us", "p99.9 us", "cpu ns/req", "cpu vs ep");
        try {
            for (int connections : counts) {
                Map<String, List<double[]>> results = new LinkedHashMap<>();
                for (int r = 0; r < rounds; r++) {
                    for (Map.Entry<String, Supplier<Server>> e : servers.entrySet()) {
                        try (Server s = e.getValue().get()) {
                            long cpu0 = s.cpuNanos();
                            double[] res = load.run(s.address(), connections, seconds);
                            double cpuPerEcho = (s.cpuNanos() - cpu0) / res[5];
                            res = Arrays.copyOf(res, 7);
                            res[6] = cpuPerEcho;
                            results.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(res);
                        }
                    }
                }
                List<double[]> base = results.get("netty-epoll");
                for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
                    List<double[]> v = e.getValue();
                    // The ratio is the median of the per-round ratios: rounds are interleaved, so a drift of
                    // the host's speed moves both sides of a round together.
                    List<double[]> ratios = new ArrayList<>();
                    for (int r = 0; r < v.size(); r++) {
                        ratios.add(new double[] {v.get(r)[0] / base.get(r)[0], base.get(r)[6] / v.get(r)[6]});
                    }
                    System.out.printf("%-12s %6d %10.0f %9.3f %9.1f %9.1f %9.1f %9.1f %11.0f %11.3f%n", e.getKey(),
                            connections, median(v, 0), median(ratios, 0), median(v, 1), median(v, 2), median(v, 3),
                            median(v, 4), median(v, 6), median(ratios, 1));
                }
            }
        } finally {
            load.close();
        }
    }

    private static double median(List<double[]> runs, int field) {
        double[] v = runs.stream().mapToDouble(a -> a[field]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Where the load comes from: a client process on its own core, or a thread of this JVM. */
    interface Load extends AutoCloseable {
        /** Returns {requests/s, p50, p90, p99, p99.9 latency in us, echoes of the whole run}. */
        double[] run(SocketAddress server, int connections, double seconds) throws Exception;

        String placement();

        @Override
        void close() throws Exception;
    }

    /**
     * The client in a separate JVM, pinned with {@code taskset -c 1} while this JVM (every thread of it) is
     * pinned to core 0. Without taskset or a second core, the client runs on a thread of this JVM instead.
     * Commands go over the child's stdin ({@code run host port connections seconds}), results come back on
     * its stdout ({@code result rps p50 p90 p99 p999}).
     */
    static final class ClientProcess implements Load {
        private final Process process;
        private final java.io.BufferedReader results;
        private final java.io.PrintWriter commands;
        private final String placement;

        private ClientProcess(Process process, String placement) {
            this.process = process;
            this.placement = placement;
            this.results = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
            this.commands = new java.io.PrintWriter(process.getOutputStream(), true);
        }

        static Load start() throws Exception {
            boolean pin = Runtime.getRuntime().availableProcessors() >= 2 && !Boolean.getBoolean("echo.inProcess")
                    && new java.io.File("/usr/bin/taskset").canExecute();
            if (!pin) {
                return new Load() {
                    @Override
                    public double[] run(SocketAddress server, int connections, double seconds) throws Exception {
                        return Client.run(server, connections, seconds);
                    }

                    @Override
                    public String placement() {
                        return "server and client threads in one JVM, not pinned";
                    }

                    @Override
                    public void close() {
                    }
                };
            }
            long pid = ProcessHandle.current().pid();
            int rc = new ProcessBuilder("taskset", "-a", "-p", "-c", "0", Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("taskset -a -p -c 0 " + pid + " failed: " + rc);
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new ArrayList<>(List.of("taskset", "-c", "1", java, "-cp",
                    System.getProperty("java.class.path"), EchoBenchmark.class.getName(), "client"));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new ClientProcess(p, "server JVM pinned to core 0 (taskset -a -p -c 0), client JVM pinned to "
                    + "core 1 (taskset -c 1), one event-loop thread each");
        }

        @Override
        public double[] run(SocketAddress server, int connections, double seconds) throws Exception {
            InetSocketAddress a = (InetSocketAddress) server;
            commands.printf("run %s %d %d %s%n", a.getAddress().getHostAddress(), a.getPort(), connections, seconds);
            String line = results.readLine();
            if (line == null || !line.startsWith("result ")) {
                throw new IllegalStateException("client process: " + line);
            }
            String[] f = line.substring(7).trim().split(" ");
            double[] r = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                r[i] = Double.parseDouble(f[i]);
            }
            return r;
        }

        @Override
        public String placement() {
            return placement;
        }

        @Override
        public void close() throws Exception {
            commands.println("exit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        }

        /** The child's side: runs the load for each command on stdin. */
        static void serve() throws Exception {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
            String line;
            while ((line = in.readLine()) != null && !line.equals("exit")) {
                String[] f = line.split(" ");
                double[] r = Client.run(new InetSocketAddress(f[1], Integer.parseInt(f[2])), Integer.parseInt(f[3]),
                        Double.parseDouble(f[4]));
                StringBuilder sb = new StringBuilder("result");
                for (double d : r) {
                    sb.append(' ').append(d);
                }
                System.out.println(sb);
                System.out.flush();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ servers

    /** A green echo server: one hub on its own thread, a greenlet per connection. */
    static Server green(Supplier<Poller> poller) {
        CompletableFuture<SocketAddress> bound = new CompletableFuture<>();
        CompletableFuture<Hub> hubRef = new CompletableFuture<>();
        GreenServerSocket[] listener = new GreenServerSocket[1];
        Thread t = new Thread(() -> {
            Hub.current().close();
            Scheduler.resetPoller(poller.get());
            hubRef.complete(Hub.current());
            try {
                Hub.run(() -> {
                    GreenServerSocket ss = GreenServerSocket.bind(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
                    listener[0] = ss;
                    bound.complete(ss.localAddress());
                    for (;;) {
                        GreenSocket s = ss.accept();
                        s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        Scheduler.schedule(() -> {
                            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
                            try (s) {
                                while (s.read(buf) > 0) {
                                    buf.flip();
                                    s.writeFully(buf);
                                    buf.clear();
                                }
                            } catch (java.io.IOException closed) {
                                // the client went away
                            }
                        });
                    }
                });
            } catch (Exception stopped) {
                // the listener was closed: the benchmark round is over
            } finally {
                Hub.current().close();
            }
        }, "green-echo-server");
        t.start();
        Hub hub = hubRef.join();
        SocketAddress address = bound.join();
        return new Server() {
            @Override
            public SocketAddress address() {
                return address;
            }

            @Override
            public long cpuNanos() {
                return THREADS.getThreadCpuTime(t.getId());
            }

            @Override
            public void close() throws Exception {
                hub.execute(() -> listener[0].close());
                t.join();
            }
        };
    }

    /** The baseline: a plain Netty echo server on one event-loop thread. */
    static Server netty(IoHandlerFactory factory, Class<? extends ServerSocketChannel> channel) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, factory);
        Channel server = new ServerBootstrap().group(group).channel(channel)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.write(msg);
                            }

                            @Override
                            public void channelReadComplete(ChannelHandlerContext ctx) {
                                ctx.flush();
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close(); // the client reset the connection at the end of a round
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
        long loopThread;
        try {
            loopThread = group.next().submit(() -> Thread.currentThread().getId()).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Server() {
            @Override
            public long cpuNanos() {
                return THREADS.getThreadCpuTime(loopThread);
            }

            @Override
            public SocketAddress address() {
                return server.localAddress();
            }

            @Override
            public void close() {
                server.close().syncUninterruptibly();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        };
    }

    // ------------------------------------------------------------------------------------------------ client

    /** The closed-loop load: every connection keeps one 64-byte message in flight. */
    static final class Client {
        private Client() {
        }

        private static double percentile(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e3;
        }

        /**
         * Returns {requests/s, p50, p90, p99, p99.9 latency in us} over the measured window, and the number
         * of echoes of the whole run (warm-up included).
         */
        static double[] run(SocketAddress server, int connections, double seconds) throws Exception {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
            AtomicLong completed = new AtomicLong();
            long[] all = new long[1];  // every echo, warm-up included; event-loop thread only
            long[] samples = new long[1 << 20];
            int[] sampleCount = new int[1];
            boolean[] measuring = new boolean[1];
            ByteBuf message = Unpooled.directBuffer(MESSAGE).writeZero(MESSAGE);
            List<Channel> channels = new ArrayList<>();
            try {
                Bootstrap b = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                    private int received;  // event-loop thread only
                                    private long sentAt;   // event-loop thread only

                                    @Override
                                    public void channelActive(ChannelHandlerContext ctx) {
                                        send(ctx);
                                    }

                                    private void send(ChannelHandlerContext ctx) {
                                        sentAt = System.nanoTime();
                                        ctx.writeAndFlush(message.retainedDuplicate());
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close();
                                    }

                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        received += ((ByteBuf) msg).readableBytes();
                                        ((ByteBuf) msg).release();
                                        while (received >= MESSAGE) {
                                            received -= MESSAGE;
                                            all[0]++;
                                            if (measuring[0]) {
                                                completed.incrementAndGet();
                                                if (sampleCount[0] < samples.length) {
                                                    samples[sampleCount[0]++] = System.nanoTime() - sentAt;
                                                }
                                            }
                                            send(ctx);
                                        }
                                    }
                                });
                            }
                        });
                for (int i = 0; i < connections; i++) {
                    channels.add(b.connect(server).syncUninterruptibly().channel());
                }
                Thread.sleep((long) (seconds * 500)); // warm-up: half the measured time
                group.submit(() -> measuring[0] = true).sync();
                long start = System.nanoTime();
                Thread.sleep((long) (seconds * 1000));
                group.submit(() -> measuring[0] = false).sync();
                double elapsed = (System.nanoTime() - start) / 1e9;
                long[] lat = group.submit(() -> Arrays.copyOf(samples, sampleCount[0])).get();
                Arrays.sort(lat);
                long total = group.submit(() -> all[0]).get();
                return new double[] {completed.get() / elapsed, percentile(lat, 0.5), percentile(lat, 0.9),
                        percentile(lat, 0.99), percentile(lat, 0.999), total};
            } finally {
                for (Channel c : channels) {
                    c.close();
                }
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
                message.release();
            }
        }
    }
}
