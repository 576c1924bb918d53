package dev.pillars.spring;

import dev.pillars.Pillars;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * The {@code prometheus} actuator endpoint when Micrometer has none: Pillars' series in Prometheus
 * text 0.0.4, or OpenMetrics 1.0 (with exemplars) when the scraper asks for it, as Prometheus does.
 */
@Endpoint(id = "prometheus")
public class PillarsScrapeEndpoint {

  private final Pillars pillars;

  /** An endpoint over {@code pillars}' series. */
  public PillarsScrapeEndpoint(Pillars pillars) {
    this.pillars = pillars;
  }

  /** One scrape, in the format the request's {@code Accept} header chose. */
  @ReadOperation(producesFrom = Format.class)
  public WebEndpointResponse<byte[]> scrape(Format format) {
    String text = format == Format.OPENMETRICS ? pillars.openMetricsText() : pillars.metricsText();
    return new WebEndpointResponse<>(text.getBytes(StandardCharsets.UTF_8), format);
  }

  /** The two exposition formats. */
  public enum Format implements Producible<Format> {
    /** Prometheus text 0.0.4, the default. */
    TEXT("text/plain;version=0.0.4;charset=utf-8"),
    /** OpenMetrics 1.0, with exemplars. */
    OPENMETRICS("application/openmetrics-text;version=1.0.0;charset=utf-8");

    private final MimeType type;

    Format(String type) {
      this.type = MimeTypeUtils.parseMimeType(type);
    }

    @Override
    public MimeType getProducedMimeType() {
      return type;
    }

    @Override
    public boolean isDefault() {
      return this == TEXT;
    }
  }
}
