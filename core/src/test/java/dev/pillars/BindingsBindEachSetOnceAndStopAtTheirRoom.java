package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Bindings}, under {@link BoundSpanCounters}: an attribute set is bound once and then found
 * by reference; an equal set made anew is a set of its own; past {@link Bindings#MAX} sets, and for
 * a set the SDK refuses to bind, it answers null so that the caller records unbound.
 */
class BindingsBindEachSetOnceAndStopAtTheirRoom {

  @Test
  void bindsEachSetOnceAndFindsItByReference() {
    List<Attributes> bound = new ArrayList<>();
    Bindings<String> bindings =
        new Bindings<>(
            a -> {
              bound.add(a);
              return "handle " + bound.size();
            });
    Attributes constant = Attributes.builder().put("k", "v").build();
    assertThat(bindings.of(constant)).isEqualTo("handle 1");
    assertThat(bindings.of(constant)).isEqualTo("handle 1");
    Attributes equal = Attributes.builder().put("k", "v").build();
    assertThat(bindings.of(equal)).isEqualTo("handle 2");
    assertThat(bindings.of(constant)).isEqualTo("handle 1");
    assertThat(bound).containsExactly(constant, equal);
    assertThat(bindings.of(null)).isNull();
  }

  @Test
  void answersNullPastItsRoomAndForRefusedSets() {
    Attributes refused = Attributes.builder().put("k", "refused").build();
    Bindings<String> bindings =
        new Bindings<>(
            a -> {
              if (a == refused) {
                throw new IllegalStateException("the SDK refuses");
              }
              return a.toString();
            });
    assertThat(bindings.of(refused)).isNull();
    assertThat(bindings.of(refused)).as("refused once, not asked again").isNull();
    List<Attributes> sets = new ArrayList<>();
    for (int i = 1; i < Bindings.MAX; i++) {
      Attributes set = Attributes.builder().put("k", i).build();
      sets.add(set);
      assertThat(bindings.of(set)).isEqualTo(set.toString());
    }
    Attributes oneTooMany = Attributes.builder().put("k", "one too many").build();
    assertThat(bindings.of(oneTooMany)).isNull();
    for (Attributes set : sets) {
      assertThat(bindings.of(set)).isEqualTo(set.toString());
    }
  }
}
