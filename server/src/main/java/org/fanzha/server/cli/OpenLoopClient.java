package org.fanzha.server.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Sends requests to one HTTP/1.1 endpoint over a fixed set of keep-alive connections, all driven by
 * one selector thread, for an open-loop load. A request waits in a queue while every connection is
 * busy, so its latency, counted from when it was due, includes that wait (no coordinated omission).
 *
 * <p>Written for the load tool alone, and small on purpose: the JDK's {@code HttpClient} took about
 * 370 µs of CPU per request here, more than the server spent answering it, on the same two cores.
 * It reads what the server sends (a {@code Content-Length} or chunked body) and nothing more: no
 * redirects, TLS or pipelining.
 */
final class OpenLoopClient implements AutoCloseable {

  /** Receives each request's outcome on the selector thread. */
  interface Answer {
    /** The response's status, or -1 when the connection failed before it came. */
    void answered(int status, long dueNanos);
  }

  private record Request(byte[] bytes, long dueNanos, Answer answer) {}

  private final InetSocketAddress address;
  private final byte[] head;
  private final boolean withBody;
  private final Selector selector;
  private final Queue<Request> waiting = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private final List<Connection> connections = new ArrayList<>();
  private final Thread loop;
  private volatile boolean running = true;

  /**
   * Opens {@code count} connections to {@code address} for posts to {@code path} with these
   * headers.
   */
  OpenLoopClient(InetSocketAddress address, String path, Map<String, String> headers, int count)
      throws IOException {
    this(address, "POST", path, headers, count);
  }

  /**
   * Opens {@code count} connections to {@code address} for requests of {@code method} (POST, or GET
   * with no body) to {@code path} with these headers.
   */
  OpenLoopClient(
      InetSocketAddress address, String method, String path, Map<String, String> headers, int count)
      throws IOException {
    this.address = address;
    this.withBody = !method.equals("GET");
    StringBuilder h =
        new StringBuilder(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(address.getHostString())
            .append(':')
            .append(address.getPort())
            .append("\r\n");
    headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
    this.head =
        h.append(withBody ? "Content-Length: " : "")
            .toString()
            .getBytes(StandardCharsets.ISO_8859_1);
    this.selector = Selector.open();
    for (int i = 0; i < count; i++) {
      Connection c = new Connection();
      connections.add(c);
      c.open();
    }
    this.loop = new Thread(this::run, "open-loop-client");
    this.loop.setDaemon(true);
    this.loop.start();
  }

  /**
   * Queues a request with {@code body} (empty for a GET), due at {@code dueNanos} ({@link
   * System#nanoTime()}).
   */
  void send(byte[] body, long dueNanos, Answer answer) {
    if (!withBody && body.length > 0) {
      throw new IllegalArgumentException("a GET is sent without a body");
    }
    String endOfHead = withBody ? body.length + "\r\n\r\n" : "\r\n";
    byte[] length = endOfHead.getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = new byte[head.length + length.length + body.length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    System.arraycopy(length, 0, bytes, head.length, length.length);
    System.arraycopy(body, 0, bytes, head.length + length.length, body.length);
    waiting.add(new Request(bytes, dueNanos, answer));
    selector.wakeup();
  }

  private void run() {
    while (running) {
      try {
        selector.select(100);
        for (SelectionKey k : selector.selectedKeys()) {
          ((Connection) k.attachment()).ready(k);
        }
        selector.selectedKeys().clear();
        while (!idle.isEmpty()) {
          Request r = waiting.poll();
          if (r == null) {
            break;
          }
          idle.poll().send(r);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    running = false;
    selector.wakeup();
    loop.join();
    for (Connection c : connections) {
      c.channel.close();
    }
    selector.close();
  }

  /** One keep-alive connection: idle, or writing a request, or reading its response. */
  private final class Connection {
    private SocketChannel channel;
    private @Nullable Request current;
    private @Nullable ByteBuffer out;
    private ByteBuffer in = ByteBuffer.allocate(16 * 1024);

    @SuppressWarnings("NullAway.Init") // set by open(), called right after construction
    Connection() {}

    void open() throws IOException {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      in.clear();
      if (channel.connect(address)) {
        channel.register(selector, SelectionKey.OP_READ, this); // idle: watched for a close
        idle.add(this);
      } else {
        channel.register(selector, SelectionKey.OP_CONNECT, this);
      }
    }

    void send(Request r) throws IOException {
      current = r;
      out = ByteBuffer.wrap(r.bytes());
      write();
    }

    void ready(SelectionKey k) throws IOException {
      try {
        if (k.isConnectable()) {
          channel.finishConnect();
          k.interestOps(SelectionKey.OP_READ);
          idle.add(this);
        } else if (k.isWritable()) {
          write();
        } else if (k.isReadable()) {
          read();
        }
      } catch (IOException e) {
        failed();
      }
    }

    private void write() throws IOException {
      ByteBuffer o = java.util.Objects.requireNonNull(out);
      try {
        channel.write(o);
      } catch (IOException e) {
        failed();
        return;
      }
      channel
          .keyFor(selector)
          .interestOps(o.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read() throws IOException {
      if (current == null) { // idle: the server closed it (keep-alive timeout), or sent stray bytes
        reopen();
        return;
      }
      if (!in.hasRemaining()) {
        in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
      }
      if (channel.read(in) < 0) {
        failed();
        return;
      }
      Response r = Response.parse(in.array(), in.position());
      if (r != null) {
        Request done = java.util.Objects.requireNonNull(current);
        current = null;
        in.clear();
        done.answer().answered(r.status(), done.dueNanos());
        if (r.close()) {
          reopen();
        } else {
          idle.add(this);
        }
      }
    }

    /** The connection broke: its request failed, and a new connection takes its place. */
    private void failed() throws IOException {
      Request lost = current;
      current = null;
      if (lost != null) {
        lost.answer().answered(-1, lost.dueNanos());
      }
      reopen();
    }

    private void reopen() throws IOException {
      channel.keyFor(selector).cancel();
      channel.close();
      idle.remove(this);
      open();
    }
  }

  /** A whole response read: its status, and whether the server closes the connection after it. */
  record Response(int status, boolean close) {

    /** Returns the response if {@code n} bytes of {@code b} hold all of it, else null. */
    static @Nullable Response parse(byte[] b, int n) {
      int end = headEnd(b, n);
      if (end < 0) {
        return null;
      }
      String head = new String(b, 0, end, StandardCharsets.ISO_8859_1);
      int status = Integer.parseInt(head.substring(9, 12));
      String lower = head.toLowerCase(Locale.ROOT);
      boolean close = lower.contains("\r\nconnection: close");
      int length = headerInt(lower, "\r\ncontent-length:");
      if (length >= 0) {
        return n >= end + length ? new Response(status, close) : null;
      }
      if (lower.contains("\r\ntransfer-encoding: chunked")) {
        return chunkedEnd(b, end, n) ? new Response(status, close) : null;
      }
      return status == 204 || status == 304 ? new Response(status, close) : null;
    }

    /** Returns where the body starts (after the blank line), or -1 before it has come. */
    private static int headEnd(byte[] b, int n) {
      for (int i = 3; i < n; i++) {
        if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
          return i + 1;
        }
      }
      return -1;
    }

    private static int headerInt(String lowerHead, String name) {
      int at = lowerHead.indexOf(name);
      if (at < 0) {
        return -1;
      }
      int from = at + name.length();
      int to = lowerHead.indexOf('\r', from);
      return Integer.parseInt(lowerHead.substring(from, to).trim());
    }

    /** Returns whether a chunked body starting at {@code at} has ended within {@code n} bytes. */
    private static boolean chunkedEnd(byte[] b, int at, int n) {
      int i = at;
      while (true) {
        int line = i;
        while (line + 1 < n && !(b[line] == '\r' && b[line + 1] == '\n')) {
          line++;
        }
        if (line + 1 >= n) {
          return false;
        }
        String size = new String(b, i, line - i, StandardCharsets.ISO_8859_1);
        int semi = size.indexOf(';');
        int chunk = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        i = line + 2 + chunk + 2; // the size line, the data and its CRLF
        if (chunk == 0) {
          return i <= n; // the last chunk and the blank line after it (no trailers)
        }
        if (i > n) {
          return false;
        }
      }
    }
  }
}
