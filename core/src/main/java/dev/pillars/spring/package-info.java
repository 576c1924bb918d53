/**
 * Spring Boot auto-configuration for Pillars (Boot 3.5 and 4.0), active only when Spring Boot is on
 * the class path: a {@link dev.pillars.Pillars} bean closed by the application context, exposed as
 * the {@code OpenTelemetry} bean so Boot's own SDK backs off, {@code spring.application.name} as
 * the service name, and one Prometheus endpoint ({@code /actuator/prometheus} by default). See
 * {@link dev.pillars.spring.PillarsProperties} for the {@code pillars.*} properties.
 *
 * <p>Nullness: {@code @NullMarked}, as every Pillars package.
 */
@NullMarked
package dev.pillars.spring;

import org.jspecify.annotations.NullMarked;
