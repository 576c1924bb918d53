package dev.pillars.logging.json;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes {@code java.util.logging} through SLF4J, so that what the OpenTelemetry SDK and the JDK
 * log (export failures, the console span exporter, HTTP client warnings) becomes one JSON line per
 * record like everything else, instead of multi-line text on stderr.
 *
 * <p>On start it replaces the handlers of the JUL root logger with jul-to-slf4j's {@link
 * SLF4JBridgeHandler}, and, being Logback's {@link LevelChangePropagator}, copies Logback's levels
 * to JUL so that records Logback would discard are not even created (the bridge alone would build
 * each of them first). The ready-made {@code json-console*.xml} includes install it; turn it off
 * with {@code PILLARS_LOG_JUL_BRIDGE=false} (system property or environment), or in your own
 * configuration:
 *
 * <pre>{@code
 * <contextListener class="dev.pillars.logging.json.JulToSlf4jBridge">
 *   <enabled>false</enabled>
 * </contextListener>
 * }</pre>
 *
 * <p>When the Logback context stops, the bridge it installed is removed again (the original JUL
 * handlers are not restored: call {@code LogManager.getLogManager().readConfiguration()} for that).
 */
public class JulToSlf4jBridge extends LevelChangePropagator {

  private boolean enabled = true;
  private boolean installedHere;

  /** Creates the listener; Logback calls it from {@code <contextListener>}. */
  public JulToSlf4jBridge() {
    setResetJUL(true);
  }

  /**
   * Turns the bridge on (default) or off.
   *
   * @param enabled {@code false} leaves {@code java.util.logging} as it is
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Whether the bridge is on.
   *
   * @return the setting
   */
  public boolean isEnabled() {
    return enabled;
  }

  /** Installs the bridge and propagates Logback's levels to JUL, unless turned off. */
  @Override
  public void start() {
    if (!enabled) {
      addInfo("java.util.logging is not routed to SLF4J (PILLARS_LOG_JUL_BRIDGE=false)");
      return;
    }
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
      installedHere = true;
    }
    super.start();
  }

  /**
   * Copies a Logback level change to the JUL logger of the same name, when the bridge is on.
   *
   * @param logger the Logback logger
   * @param level its new level
   */
  @Override
  public void onLevelChange(Logger logger, Level level) {
    if (enabled) {
      super.onLevelChange(logger, level);
    }
  }

  /**
   * Removes the bridge this listener installed.
   *
   * @param context the stopping context
   */
  @Override
  public void onStop(LoggerContext context) {
    uninstall();
    super.onStop(context);
  }

  /** Removes the bridge this listener installed. */
  @Override
  public void stop() {
    uninstall();
    super.stop();
  }

  private void uninstall() {
    if (installedHere) {
      installedHere = false;
      SLF4JBridgeHandler.uninstall();
    }
  }
}
