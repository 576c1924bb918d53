package dev.pillars.tracing;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/** A collector stand-in on loopback that decodes what OTLP trace exporters send. */
public interface OtlpTraceReceiver extends AutoCloseable {

  /** The OTLP endpoint to configure, {@code http://127.0.0.1:<port>}. */
  String endpoint();

  /** What arrived so far. */
  List<ResourceSpans> received();

  /** Every span that arrived, flattened. */
  default List<Span> spans() {
    List<Span> out = new ArrayList<>();
    for (ResourceSpans rs : received()) {
      rs.getScopeSpansList().forEach(ss -> out.addAll(ss.getSpansList()));
    }
    return out;
  }

  @Override
  void close();
}
