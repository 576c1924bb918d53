/**
 * Spring Boot auto-configuration of pipeline tracing (Boot 3.5 and 4.0): a {@link
 * dev.pillars.tracing.PipelineTracing} bean over the auto-configured {@code Pillars}, and, in a
 * servlet web application, Pillars' HTTP server filter with Spring MVC's route templates.
 *
 * <p>Nullness: {@code @NullMarked}, as every Pillars package.
 */
@NullMarked
package dev.pillars.tracing.spring;

import org.jspecify.annotations.NullMarked;
