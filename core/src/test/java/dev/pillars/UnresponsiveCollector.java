package dev.pillars;

import com.sun.net.httpserver.HttpServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OTLP peers on loopback that never let an export succeed: one accepts connections and never
 * answers (for either protocol); one answers OTLP/HTTP with 503; one answers gRPC with status
 * UNAVAILABLE (14) over HTTP/2 without TLS, as a collector that is shutting down does. Each counts
 * the requests it saw, so a test can tell the exporter really reached it.
 */
abstract class UnresponsiveCollector implements AutoCloseable {

  final AtomicInteger requests = new AtomicInteger();

  abstract int port();

  String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  /** Accepts, reads and discards everything, never writes a byte. */
  static UnresponsiveCollector silent() throws IOException {
    return new RawSocketPeer(false);
  }

  /** Answers every gRPC call with {@code grpc-status: 14} (UNAVAILABLE). */
  static UnresponsiveCollector grpcUnavailable() throws IOException {
    return new RawSocketPeer(true);
  }

  /** Answers every OTLP/HTTP request with 503. */
  static UnresponsiveCollector http503() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    UnresponsiveCollector peer =
        new UnresponsiveCollector() {
          @Override
          int port() {
            return server.getAddress().getPort();
          }

          @Override
          public void close() {
            server.stop(0);
          }
        };
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          peer.requests.incrementAndGet();
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    server.start();
    return peer;
  }

  private static final class RawSocketPeer extends UnresponsiveCollector {
    private static final byte[] PREFACE =
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private final ServerSocket server;
    private final boolean answerUnavailable;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    RawSocketPeer(boolean answerUnavailable) throws IOException {
      this.answerUnavailable = answerUnavailable;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(this::acceptLoop, "unresponsive-collector");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    @Override
    int port() {
      return server.getLocalPort();
    }

    private void acceptLoop() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          accepted.add(s);
          Thread reader = new Thread(() -> serve(s), "unresponsive-collector-conn");
          reader.setDaemon(true);
          reader.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s) {
        InputStream in = s.getInputStream();
        if (!answerUnavailable) {
          byte[] sink = new byte[8192];
          boolean counted = false;
          while (in.read(sink) >= 0) {
            if (!counted) {
              requests.incrementAndGet();
              counted = true;
            }
          }
          return;
        }
        DataInputStream frames = new DataInputStream(in);
        byte[] preface = new byte[PREFACE.length];
        frames.readFully(preface);
        OutputStream out = s.getOutputStream();
        frame(out, 0x4, 0, 0, new byte[0]); // our SETTINGS
        while (true) {
          int length = frames.readUnsignedShort() << 8 | frames.readUnsignedByte();
          int type = frames.readUnsignedByte();
          int flags = frames.readUnsignedByte();
          int stream = frames.readInt() & 0x7fffffff;
          byte[] payload = new byte[length];
          frames.readFully(payload);
          if (type == 0x4 && (flags & 0x1) == 0) {
            frame(out, 0x4, 0x1, 0, new byte[0]); // SETTINGS ACK
          } else if (type == 0x6 && (flags & 0x1) == 0) {
            frame(out, 0x6, 0x1, 0, payload); // PING ACK
          } else if (type == 0x1) {
            requests.incrementAndGet();
            frame(out, 0x1, 0x5, stream, UNAVAILABLE_HEADERS); // END_STREAM | END_HEADERS
          } else if (type == 0x7) {
            return; // GOAWAY
          }
        }
      } catch (IOException closed) {
        // the exporter or the test hung up
      }
    }

    /**
     * HPACK: {@code :status 200} (static index 8), {@code grpc-status: 14}, literal, no indexing.
     */
    private static final byte[] UNAVAILABLE_HEADERS = hpackUnavailable();

    private static byte[] hpackUnavailable() {
      byte[] name = "grpc-status".getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[1 + 2 + name.length + 1 + 2];
      int i = 0;
      out[i++] = (byte) 0x88;
      out[i++] = 0x00;
      out[i++] = (byte) name.length;
      System.arraycopy(name, 0, out, i, name.length);
      i += name.length;
      out[i++] = 2;
      out[i++] = '1';
      out[i] = '4';
      return out;
    }

    private static synchronized void frame(
        OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
      byte[] head = {
        (byte) (payload.length >>> 16),
        (byte) (payload.length >>> 8),
        (byte) payload.length,
        (byte) type,
        (byte) flags,
        (byte) (stream >>> 24),
        (byte) (stream >>> 16),
        (byte) (stream >>> 8),
        (byte) stream
      };
      out.write(head);
      out.write(payload);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
