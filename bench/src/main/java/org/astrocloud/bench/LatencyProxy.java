package org.astrocloud.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.traffic.GlobalTrafficShapingHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TCP proxy that adds a round trip to every HTTP request: the bytes a client sends wait
 * {@code r} before they go upstream; answers come back at once. Run as its own process so that
 * neither the contenders nor the servers share a JVM with it. Counts requests (the end of each
 * request head, {@code CRLF CRLF}; the benchmark's requests have no bodies) and bytes both ways.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.astrocloud.bench.LatencyProxy DELAY_MS UPSTREAM_PORT...
 * </pre>
 *
 * <p>Prints {@code READY control=PORT ports=P1,P2,...} (one listening port per upstream, on
 * 127.0.0.1), then serves until killed. A line {@code stats} sent to the control port answers
 * {@code requests bytesUp bytesDown connections}. TCP connects are not delayed.
 *
 * <p>With {@code -Dproxy.bytesPerSecond=N}, answers share one link of N bytes per second (all
 * connections together), like a client's network interface: what reading more bytes costs.
 */
public final class LatencyProxy {
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final long delayNanos;
    private GlobalTrafficShapingHandler link;
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytesUp = new LongAdder();
    private final LongAdder bytesDown = new LongAdder();
    private final LongAdder connections = new LongAdder();

    private LatencyProxy(long delayMillis) {
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LatencyProxy DELAY_MS UPSTREAM_PORT...");
            System.exit(2);
        }
        LatencyProxy proxy = new LatencyProxy(Long.parseLong(args[0]));
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        long rate = Long.getLong("proxy.bytesPerSecond", 0);
        if (rate > 0) {
            proxy.link = new GlobalTrafficShapingHandler(loops.next(), 0, rate, 50);
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            ports.add(proxy.listen(loops, Integer.parseInt(args[i])));
        }
        try (ServerSocket control = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("READY control=" + control.getLocalPort() + " ports="
                    + String.join(",", ports.stream().map(String::valueOf).toList()));
            System.out.flush();
            while (true) {
                try (Socket s = control.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                     PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                    if ("stats".equals(in.readLine())) {
                        out.println(proxy.requests.sum() + " " + proxy.bytesUp.sum() + " " + proxy.bytesDown.sum()
                                + " " + proxy.connections.sum());
                    }
                } catch (IOException e) {
                    System.err.println("control: " + e);
                }
            }
        }
    }

    /** Asks a running proxy for its counters: requests, bytes up, bytes down, connections. */
    static long[] stats(int controlPort) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), controlPort);
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII);
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
            out.println("stats");
            String[] f = in.readLine().split(" ");
            long[] v = new long[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = Long.parseLong(f[i]);
            }
            return v;
        }
    }

    private int listen(EventLoopGroup loops, int upstreamPort) throws InterruptedException {
        Channel server = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Front(upstreamPort));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Client side of one proxied connection: delays what the client sends, counts request heads. */
    private final class Front extends ChannelInboundHandlerAdapter {
        private final int upstreamPort;
        private Channel back;
        private int matched;

        Front(int upstreamPort) {
            this.upstreamPort = upstreamPort;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connections.increment();
            Channel front = ctx.channel();
            new Bootstrap()
                    .group(front.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (link != null) {
                                ch.pipeline().addLast(link);
                            }
                            ch.pipeline().addLast(new Back(front));
                        }
                    })
                    .connect(InetAddress.getLoopbackAddress(), upstreamPort)
                    .addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess() && !front.isActive()) {
                            f.channel().close();   // the client left while we connected
                        } else if (f.isSuccess()) {
                            back = f.channel();
                            front.config().setAutoRead(true);
                        } else {
                            front.close();
                        }
                    });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            countRequests(buf);
            bytesUp.add(buf.readableBytes());
            Channel to = back;
            ctx.executor().schedule(() -> {
                to.writeAndFlush(buf);
                if (!to.isWritable()) {
                    ctx.channel().config().setAutoRead(false);
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        }

        private void countRequests(ByteBuf buf) {
            for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
                byte b = buf.getByte(i);
                if (b == HEAD_END[matched]) {
                    if (++matched == HEAD_END.length) {
                        requests.increment();
                        matched = 0;
                    }
                } else {
                    matched = b == HEAD_END[0] ? 1 : 0;
                }
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && back != null) {
                back.config().setAutoRead(true);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (back != null) {
                Channel to = back;
                ctx.executor().schedule(() -> closeOnFlush(to), delayNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeOnFlush(ctx.channel());
        }
    }

    /** Server side of one proxied connection: passes answers straight back. */
    private final class Back extends ChannelInboundHandlerAdapter {
        private final Channel front;

        Back(Channel front) {
            this.front = front;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            bytesDown.add(((ByteBuf) msg).readableBytes());
            front.writeAndFlush(msg);
            if (!front.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                front.config().setAutoRead(true);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnFlush(front);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeOnFlush(ctx.channel());
        }
    }

    private static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
