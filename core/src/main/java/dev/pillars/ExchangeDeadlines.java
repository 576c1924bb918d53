package dev.pillars;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor of the {@code /metrics} server, with a deadline on reading each request's head and
 * another on answering it.
 *
 * <p>The JDK's HTTP server reads the request line and headers on the worker thread, in blocking
 * mode, before any handler runs, and writes the response the same way: a client that sends half a
 * request, or never reads the answer, holds that worker until the server's {@code
 * sun.net.httpserver.maxReqTime}/{@code maxRspTime} (JVM-wide settings, read once, off by default).
 * These deadlines are ours alone: a worker still reading the head after {@code headTimeout}, or
 * still handling after {@code responseTimeout}, is interrupted, which closes its channel (socket
 * channels are interruptible), so the client is dropped and the thread returns to the pool. A
 * filter on every context marks the head as read.
 */
final class ExchangeDeadlines implements Executor, AutoCloseable {

  private static final int READING = 0;
  private static final int HANDLING = 1;
  private static final int EXPIRED = 2;
  private static final int DONE = 3;

  private final ThreadPoolExecutor workers;
  private final long headNanos;
  private final long responseNanos;
  private final Set<Exchange> active = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Exchange> current = new ThreadLocal<>();
  private final ScheduledThreadPoolExecutor watchdog;

  ExchangeDeadlines(
      ThreadPoolExecutor workers,
      Duration headTimeout,
      Duration responseTimeout,
      String threadName) {
    this.workers = workers;
    this.headNanos = headTimeout.toNanos();
    this.responseNanos = responseTimeout.toNanos();
    this.watchdog =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    long shortest = Math.min(headTimeout.toMillis(), responseTimeout.toMillis());
    long tickMillis = Math.max(50, Math.min(1000, shortest / 4));
    watchdog.scheduleAtFixedRate(this::expireLate, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs one exchange of the server on a worker. When every worker is busy this throws {@link
   * java.util.concurrent.RejectedExecutionException}, on which the JDK's dispatcher closes that one
   * connection and goes on accepting: it never runs an exchange itself.
   */
  @Override
  public void execute(Runnable exchange) {
    workers.execute(new Exchange(exchange));
  }

  /** The filter that marks the request head as read; add it to every context. */
  Filter headersRead() {
    return new Filter() {
      @Override
      public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Exchange e = current.get();
        if (e != null) {
          e.headersRead();
        }
        chain.doFilter(exchange);
      }

      @Override
      public String description() {
        return "marks the request head as read";
      }
    };
  }

  private void expireLate() {
    long now = System.nanoTime();
    for (Exchange e : active) {
      e.expireIfLate(now);
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    workers.shutdownNow();
  }

  /** One exchange on one worker; its state changes under its own lock. */
  private final class Exchange implements Runnable {
    private final Runnable task;
    private Thread worker;
    private long since;
    private int state;

    Exchange(Runnable task) {
      this.task = task;
    }

    @Override
    public void run() {
      synchronized (this) {
        worker = Thread.currentThread();
        since = System.nanoTime();
        state = READING;
      }
      current.set(this);
      active.add(this);
      try {
        task.run();
      } finally {
        active.remove(this);
        current.remove();
        synchronized (this) {
          state = DONE;
        }
        // The interrupt of an expired deadline is delivered under the lock above, so it is
        // visible here; it must not reach the next exchange this worker runs.
        Thread.interrupted();
      }
    }

    synchronized void headersRead() {
      if (state == READING) {
        state = HANDLING;
        since = System.nanoTime();
      }
    }

    synchronized void expireIfLate(long now) {
      long limit = state == READING ? headNanos : state == HANDLING ? responseNanos : -1;
      if (limit >= 0 && now - since > limit) {
        state = EXPIRED;
        worker.interrupt();
      }
    }
  }
}
