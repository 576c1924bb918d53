package dev.pillars.metrics;

/**
 * Counts a block as active work: created by {@link Metrics#trackActive}, it has raised a gauge by
 * one and lowers it again when closed. Closing twice lowers it once. Made from bad input, the block
 * is one dropped measurement, counted when it opens.
 */
public final class ActiveScope implements AutoCloseable {

  private final BoundGauge gauge;
  private boolean closed;

  ActiveScope(BoundGauge gauge) {
    this.gauge = gauge;
    gauge.increment();
  }

  /** Lowers the gauge by one. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (!gauge.isRejecting()) {
        gauge.decrement();
      }
    }
  }
}
