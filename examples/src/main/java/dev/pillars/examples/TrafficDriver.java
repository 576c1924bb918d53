package dev.pillars.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the demo its own traffic for a bounded time: a few clients asking a fixed set of questions
 * (so the semantic cache gets hits), with an occasional malformed request, then sums up what came
 * back.
 */
public final class TrafficDriver {

  private static final List<String> QUESTIONS =
      List.of(
          "What is our refund policy?", "How do I reset my password?",
          "Which plans include SSO?", "What are the API rate limits?",
          "How is my data encrypted at rest?", "Can I export my dashboards?",
          "What changed in the last release?", "How do I rotate an API key?",
          "Where are the audit logs?", "What regions do you host in?",
          "How do I invite a teammate?", "What is the uptime SLA?",
          "How are invoices calculated?", "Can I self-host the agent?",
          "How long are traces retained?", "What does error E1042 mean?");

  private static final Pattern TOKENS_IN = Pattern.compile("\"input_tokens\":(\\d+)");
  private static final Pattern TOKENS_OUT = Pattern.compile("\"output_tokens\":(\\d+)");
  private static final Pattern COST = Pattern.compile("\"cost_usd\":([0-9.]+|null)");
  private static final Pattern CACHED_IN = Pattern.compile("\"cached_input_tokens\":(\\d+)");
  private static final Pattern TTFC = Pattern.compile("\"time_to_first_chunk_ms\":([0-9.]+)");
  private static final Pattern MODEL = Pattern.compile("\"model\":\"([^\"]*)\"");

  private final URI base;
  private final int clients;
  private final HttpClient http;
  private volatile boolean stopped;

  /** Drives {@code base} (e.g. {@code http://127.0.0.1:8000}) with {@code clients} threads. */
  public TrafficDriver(URI base, int clients) {
    this.base = base;
    this.clients = Math.max(1, Math.min(64, clients));
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** Sends traffic for {@code duration}, then returns what it saw. */
  public DriveSummary drive(Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    List<DriveSummary.Tally> tallies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      DriveSummary.Tally t = new DriveSummary.Tally();
      tallies.add(t);
      Thread th = new Thread(() -> loop(deadline, t), "rag-demo-driver-" + i);
      th.setDaemon(true);
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    return DriveSummary.of(tallies, Duration.ofNanos(System.nanoTime() - start), clients);
  }

  /** Ends a running {@link #drive} early; its summary covers what was sent until now. */
  public void stop() {
    stopped = true;
  }

  private void loop(long deadline, DriveSummary.Tally tally) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    while (!stopped && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
      String body =
          rnd.nextDouble() < 0.01
              ? "{\"not-a-question\": true}"
              : "{\"question\": \"" + QUESTIONS.get(rnd.nextInt(QUESTIONS.size())) + "\"}";
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/query"))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      long t0 = System.nanoTime();
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        String b = r.body();
        Matcher model = MODEL.matcher(b);
        Matcher ttfc = TTFC.matcher(b);
        tally.add(
            r.statusCode(),
            System.nanoTime() - t0,
            number(TOKENS_IN, b),
            number(TOKENS_OUT, b),
            cost(b));
        if (r.statusCode() == 200) {
          tally.answered(
              model.find() ? model.group(1) : "?",
              cost(b),
              number(CACHED_IN, b),
              ttfc.find() ? Double.parseDouble(ttfc.group(1)) : Double.NaN);
        }
      } catch (IOException e) {
        tally.add(-1, System.nanoTime() - t0, 0, 0, 0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static long number(Pattern p, String body) {
    Matcher m = p.matcher(body);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** The cost in the response, or NaN when the model was unpriced. */
  private static double cost(String body) {
    Matcher m = COST.matcher(body);
    if (!m.find()) {
      return 0;
    }
    return "null".equals(m.group(1)) ? Double.NaN : Double.parseDouble(m.group(1));
  }
}
