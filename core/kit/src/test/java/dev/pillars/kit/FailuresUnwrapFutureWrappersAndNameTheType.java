package dev.pillars.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailuresUnwrapFutureWrappersAndNameTheType {

  @Test
  void wrappersComeOffDownToTheCause() {
    TimeoutException cause = new TimeoutException("slow");
    Throwable wrapped = new CompletionException(new ExecutionException(cause));
    assertThat(Failures.unwrap(wrapped)).isSameAs(cause);
    assertThat(Failures.errorType(Failures.unwrap(wrapped)))
        .isEqualTo("java.util.concurrent.TimeoutException");
  }

  @Test
  void aWrapperWithoutCauseAndNullStayAsTheyAre() {
    CompletionException bare = new CompletionException("no cause", null);
    assertThat(Failures.unwrap(bare)).isSameAs(bare);
    assertThat(Failures.unwrap(null)).isNull();
  }
}
