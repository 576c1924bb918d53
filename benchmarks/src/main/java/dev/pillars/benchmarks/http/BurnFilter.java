package dev.pillars.benchmarks.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A filter that only spends CPU, about as long as Pillars' filter takes on an in-memory exchange
 * ({@code HttpFilterBenchmark.burnFilter} beside {@code pillarsFilter}), then passes the exchange
 * on: JMH's arithmetic CPU burner, no allocation, no memory touched beyond a few registers, no
 * clock read. Under wrk ({@code FILTERED=burn}) it tells how a filter's nanoseconds on an in-memory
 * exchange turn into the server's CPU time a request when nothing else differs.
 */
final class BurnFilter extends Filter {

  /** About 950 ns on the reference VM (1.9 ns a token). */
  static final long TOKENS = 500;

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Blackhole.consumeCPU(TOKENS);
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "spends CPU, then passes the exchange on";
  }
}
