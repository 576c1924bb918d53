package dev.pillars.tracing.http;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.incubator.metrics.ExtendedDoubleHistogramBuilder;
import io.opentelemetry.api.incubator.metrics.ExtendedLongHistogramBuilder;
import io.opentelemetry.api.incubator.metrics.ExtendedLongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.LongHistogramBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The four HTTP server instruments of the semantic conventions, declared exactly as OpenTelemetry's
 * instrumentation API declares them ({@code HttpServerMetrics} and {@code
 * HttpServerExperimentalMetrics}: names, units, descriptions, buckets, attribute advice), recorded
 * through series bound once per (route, method, scheme, HTTP version, status or error.type) instead
 * of attribute sets built, merged, sorted and filtered on every request.
 *
 * <p>A series is found by array index (route, method, scheme, HTTP version, status code) or, for a
 * request that ended without a status, by its error type; it is made on first use, so only series
 * that receive a measurement are exported. Past {@link #MAX_BOUND_SERIES} the table stops growing
 * and further new combinations are recorded with attributes built per call (the SDK's own series
 * limit then applies as it always does).
 *
 * <p>Without the experimental instruments (see {@link
 * HttpServerTracing.Builder#experimentalTelemetry(boolean)}) only the duration is declared; {@link
 * #active} then returns null and the body sizes are not recorded.
 */
final class HttpServerMeters {

  static final int MAX_BOUND_SERIES = 1000;

  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> PROTOCOL_NAME =
      AttributeKey.stringKey("network.protocol.name");
  static final AttributeKey<String> PROTOCOL_VERSION =
      AttributeKey.stringKey("network.protocol.version");

  /** The methods the conventions know; any other is recorded as {@code _OTHER}. */
  private static final List<String> METHODS =
      List.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE");

  static final String OTHER = "_OTHER";
  static final int METHOD_SLOTS = METHODS.size() + 1;
  private static final int STATUS_SLOTS = 1000;
  private static final double NANOS_PER_SECOND = 1e9;

  // same as the instrumentation API's HttpMetricsAdvice.DURATION_SECONDS_BUCKETS
  private static final List<Double> DURATION_BUCKETS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
  private static final List<AttributeKey<?>> REQUEST_ADVICE =
      List.of(ROUTE, METHOD, STATUS, ERROR_TYPE, PROTOCOL_NAME, PROTOCOL_VERSION, SCHEME);
  private static final List<AttributeKey<?>> ACTIVE_ADVICE = List.of(METHOD, SCHEME);

  final DoubleHistogram duration;
  // null without the experimental instruments, as the bound handles of each Series then are
  final LongUpDownCounter activeRequests;
  final LongHistogram requestSize;
  final LongHistogram responseSize;

  private final RouteTable routes;
  private final AtomicReferenceArray<Row> rows;
  private final AtomicReferenceArray<ActiveSeries> active;
  private final AtomicInteger boundSeries = new AtomicInteger();

  /** {@code experimental}: whether the active-requests and body-size instruments are declared. */
  HttpServerMeters(MeterProvider meters, RouteTable routes, boolean experimental) {
    Meter meter = meters.get(HttpServerTracing.INSTRUMENTATION_NAME);
    DoubleHistogramBuilder durationBuilder =
        meter
            .histogramBuilder("http.server.request.duration")
            .setUnit("s")
            .setDescription("Duration of HTTP server requests.")
            .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS);
    if (durationBuilder instanceof ExtendedDoubleHistogramBuilder extended) {
      extended.setAttributesAdvice(REQUEST_ADVICE);
    }
    this.duration = durationBuilder.build();
    this.routes = routes;
    this.rows =
        new AtomicReferenceArray<>((routes.size() + 1) * METHOD_SLOTS * 2 * HttpVersions.SLOTS);
    this.active = new AtomicReferenceArray<>(METHOD_SLOTS * 2);
    if (!experimental) {
      this.activeRequests = null;
      this.requestSize = null;
      this.responseSize = null;
      return;
    }
    LongUpDownCounterBuilder activeBuilder =
        meter
            .upDownCounterBuilder("http.server.active_requests")
            .setUnit("{requests}")
            .setDescription("Number of active HTTP server requests.");
    if (activeBuilder instanceof ExtendedLongUpDownCounterBuilder extended) {
      extended.setAttributesAdvice(ACTIVE_ADVICE);
    }
    this.activeRequests = activeBuilder.build();
    this.requestSize =
        sizeHistogram(
            meter, "http.server.request.body.size", "Size of HTTP server request bodies.");
    this.responseSize =
        sizeHistogram(
            meter, "http.server.response.body.size", "Size of HTTP server response bodies.");
  }

  private static LongHistogram sizeHistogram(Meter meter, String name, String description) {
    LongHistogramBuilder builder =
        meter.histogramBuilder(name).setUnit("By").setDescription(description).ofLongs();
    if (builder instanceof ExtendedLongHistogramBuilder extended) {
      extended.setAttributesAdvice(REQUEST_ADVICE);
    }
    return builder.build();
  }

  /** The slot of a request method: one per known method, the last for {@code _OTHER}. */
  static int methodIndex(String method) {
    switch (method == null ? "" : method) {
      case "GET":
        return 2;
      case "POST":
        return 6;
      case "PUT":
        return 7;
      case "DELETE":
        return 1;
      case "HEAD":
        return 3;
      case "OPTIONS":
        return 4;
      case "PATCH":
        return 5;
      case "CONNECT":
        return 0;
      case "TRACE":
        return 8;
      default:
        return METHODS.size();
    }
  }

  /** The conventions' name of a method slot: the method, or {@code _OTHER}. */
  static String methodName(int methodIndex) {
    return methodIndex < METHODS.size() ? METHODS.get(methodIndex) : OTHER;
  }

  /**
   * The active-requests series of a method and scheme, bound on first use; null without the
   * experimental instruments.
   */
  ActiveSeries active(int method, boolean https) {
    if (activeRequests == null) {
      return null;
    }
    int slot = method * 2 + (https ? 1 : 0);
    ActiveSeries series = active.get(slot);
    if (series == null) {
      Attributes attributes =
          Attributes.of(METHOD, methodName(method), SCHEME, https ? "https" : "http");
      active.compareAndSet(slot, null, new ActiveSeries(activeRequests, attributes));
      series = active.get(slot);
    }
    return series;
  }

  /**
   * Records an ended request: its duration and, when known and declared, its body sizes (negative:
   * unknown), on the series of its route ({@code -1}: none), method, scheme, HTTP version (an
   * {@link HttpVersions#index}), status ({@code <= 0}: none) and error. The error type follows the
   * conventions: the status code when it is 5xx (or below 100); without a status, the exception's
   * class name, or {@code _OTHER}.
   */
  void recordEnd(
      Context context,
      int route,
      int method,
      boolean https,
      int protocol,
      int status,
      Throwable error,
      long nanos,
      long requestBytes,
      long responseBytes) {
    Series series = series(route, method, https, protocol, status, error);
    double seconds = nanos / NANOS_PER_SECOND;
    if (series.duration != null) {
      series.duration.record(seconds, context);
      if (series.requestSize == null) {
        return;
      }
      if (requestBytes >= 0) {
        series.requestSize.record(requestBytes, context);
      }
      if (responseBytes >= 0) {
        series.responseSize.record(responseBytes, context);
      }
    } else {
      duration.record(seconds, series.attributes, context);
      if (requestSize == null) {
        return;
      }
      if (requestBytes >= 0) {
        requestSize.record(requestBytes, series.attributes, context);
      }
      if (responseBytes >= 0) {
        responseSize.record(responseBytes, series.attributes, context);
      }
    }
  }

  private Series series(
      int route, int method, boolean https, int protocol, int status, Throwable error) {
    int rowSlot =
        (((route + 1) * METHOD_SLOTS + method) * 2 + (https ? 1 : 0)) * HttpVersions.SLOTS
            + protocol;
    Row row = rows.get(rowSlot);
    if (row == null) {
      rows.compareAndSet(rowSlot, null, new Row());
      row = rows.get(rowSlot);
    }
    if (status > 0) {
      if (status >= STATUS_SLOTS) {
        return newSeries(route, method, https, protocol, status, null, false);
      }
      AtomicReferenceArray<Series> byStatus = row.byStatus();
      Series series = byStatus.get(status);
      if (series == null) {
        byStatus.compareAndSet(
            status, null, newSeries(route, method, https, protocol, status, null, canBind()));
        series = byStatus.get(status);
      }
      return series;
    }
    String errorType = error == null ? OTHER : error.getClass().getName();
    Series series = row.byError.get(errorType);
    if (series == null) {
      if (!canBind()) {
        return newSeries(route, method, https, protocol, 0, errorType, false);
      }
      series =
          row.byError.computeIfAbsent(
              errorType, e -> newSeries(route, method, https, protocol, 0, e, true));
    }
    return series;
  }

  private boolean canBind() {
    return boundSeries.get() < MAX_BOUND_SERIES
        && boundSeries.incrementAndGet() <= MAX_BOUND_SERIES;
  }

  private Series newSeries(
      int route,
      int method,
      boolean https,
      int protocol,
      int status,
      String errorType,
      boolean bind) {
    AttributesBuilder b = Attributes.builder().put(METHOD, methodName(method));
    if (route >= 0) {
      b.put(ROUTE, routes.route(route));
    }
    if (status > 0) {
      b.put(STATUS, status);
      // the conventions' server rule: 5xx, and anything below 100, is an error
      if (status >= 500 || status < 100) {
        b.put(ERROR_TYPE, Integer.toString(status));
      }
    } else {
      b.put(ERROR_TYPE, errorType);
    }
    b.put(SCHEME, https ? "https" : "http");
    String version = HttpVersions.version(protocol);
    if (version != null) {
      b.put(PROTOCOL_VERSION, version);
    }
    return new Series(this, b.build(), bind);
  }

  /** The series of one route, method and scheme, by status and by error type. */
  private static final class Row {
    private volatile AtomicReferenceArray<Series> byStatus;
    final ConcurrentMap<String, Series> byError = new ConcurrentHashMap<>();

    AtomicReferenceArray<Series> byStatus() {
      AtomicReferenceArray<Series> array = byStatus;
      if (array == null) {
        synchronized (this) {
          array = byStatus;
          if (array == null) {
            array = new AtomicReferenceArray<>(STATUS_SLOTS);
            byStatus = array;
          }
        }
      }
      return array;
    }
  }
}
