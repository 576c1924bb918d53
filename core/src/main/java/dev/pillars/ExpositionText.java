package dev.pillars;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scrapes of a registry written as text, for {@code Pillars.metricsText()} and its kin. The buffer
 * starts at the size of the last scrape plus 1 KiB, as client_java's own scrape handler sizes it,
 * so a large scrape is not copied again and again while its buffer grows.
 */
final class ExpositionText {

  private static final int FIRST_SIZE = 8192;
  private static final int HEADROOM = 1024;

  private final AtomicInteger lastSize = new AtomicInteger(FIRST_SIZE - HEADROOM);

  String of(PrometheusRegistry registry, ExpositionFormatWriter writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(lastSize.get() + HEADROOM);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    lastSize.set(out.size());
    return out.toString(StandardCharsets.UTF_8);
  }
}
