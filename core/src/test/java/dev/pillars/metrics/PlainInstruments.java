package dev.pillars.metrics;

import io.opentelemetry.api.OpenTelemetry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * An {@link OpenTelemetry} over another whose meters, builders and instruments implement only the
 * stable API's interfaces: as an OpenTelemetry handed in by the Java agent or another API version
 * would, none of them is an {@code ExtendedDoubleCounter} (no bound instruments).
 */
final class PlainInstruments implements InvocationHandler {

  private final Object target;

  private PlainInstruments(Object target) {
    this.target = target;
  }

  static OpenTelemetry over(OpenTelemetry openTelemetry) {
    return wrap(OpenTelemetry.class, openTelemetry);
  }

  private static <T> T wrap(Class<T> type, Object target) {
    return type.cast(
        Proxy.newProxyInstance(
            PlainInstruments.class.getClassLoader(),
            new Class<?>[] {type},
            new PlainInstruments(target)));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.invoke(target, args);
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    Class<?> type = method.getReturnType();
    boolean api = type.isInterface() && type.getName().startsWith("io.opentelemetry.api.");
    return result != null && api ? wrap(type, result) : result;
  }
}
