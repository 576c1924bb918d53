package dev.pillars.tracing.spring;

import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives the request's SERVER span and its metrics Spring MVC's matched pattern ({@code
 * /users/{id}}) as {@code http.route}: a template, so cardinality stays bounded, without
 * registering routes by hand.
 */
final class MvcRouteInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    if (pattern instanceof String route && !route.isEmpty()) {
      HttpServerRoute.update(Context.current(), HttpServerRouteSource.CONTROLLER, route);
    }
    return true;
  }
}
