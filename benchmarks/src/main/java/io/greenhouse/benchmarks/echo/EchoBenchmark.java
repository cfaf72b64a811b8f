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
 * Server and client run on one thread each in this JVM; on a 2-core machine they get a core each but
 * are not pinned.
 */
public final class EchoBenchmark {
    private static final int MESSAGE = 64;

    private EchoBenchmark() {
    }

    /** A running server: its address and how to stop it. */
    interface Server extends AutoCloseable {
        SocketAddress address();

        @Override
        void close() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        Map<String, Supplier<Server>> servers = new LinkedHashMap<>();
        servers.put("netty-epoll", () -> netty(EpollIoHandler.newFactory(), EpollServerSocketChannel.class));
        servers.put("green-epoll", () -> green(EpollPoller::new));
        servers.put("netty-nio", () -> netty(NioIoHandler.newFactory(), NioServerSocketChannel.class));
        servers.put("green-nio", () -> green(NioPoller::new));
        System.out.printf("echo benchmark: JDK %s, %d-byte messages, %d rounds x %.1f s, medians%n",
                Runtime.version(), MESSAGE, rounds, seconds);
        System.out.printf("%-12s %6s %12s %9s %10s %10s%n", "server", "conns", "req/s", "vs epoll", "p50 us", "p99 us");
        for (int connections : new int[] {50, 1000}) {
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, Supplier<Server>> e : servers.entrySet()) {
                    try (Server s = e.getValue().get()) {
                        results.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(Client.run(s.address(), connections, seconds));
                    }
                }
            }
            double base = median(results.get("netty-epoll"), 0);
            for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
                double rps = median(e.getValue(), 0);
                System.out.printf("%-12s %6d %12.0f %9.2f %10.1f %10.1f%n", e.getKey(), connections, rps, rps / base,
                        median(e.getValue(), 1), median(e.getValue(), 2));
            }
        }
    }

    private static double median(List<double[]> runs, int field) {
        double[] v = runs.stream().mapToDouble(a -> a[field]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
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
        return new Server() {
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

        /** Returns {requests/s, p50 latency us, p99 latency us} over the measured window. */
        static double[] run(SocketAddress server, int connections, double seconds) throws Exception {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
            AtomicLong completed = new AtomicLong();
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
                double p50 = lat.length == 0 ? 0 : lat[lat.length / 2] / 1e3;
                double p99 = lat.length == 0 ? 0 : lat[(int) (lat.length * 0.99)] / 1e3;
                return new double[] {completed.get() / elapsed, p50, p99};
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
