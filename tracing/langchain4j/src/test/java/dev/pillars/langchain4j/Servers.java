package dev.pillars.langchain4j;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Starts a {@link ProviderServer} in a field initialiser. */
final class Servers {

  private Servers() {}

  static ProviderServer start() {
    try {
      return new ProviderServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
