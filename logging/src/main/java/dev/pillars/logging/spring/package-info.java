/**
 * Spring Boot integration of Pillars' JSON logs (Boot 3.5 and 4.0): keeps Boot's banner out of
 * the JSON stdout. The service name of log lines comes from core's {@code dev.pillars.spring}
 * ({@code spring.application.name}).
 */
package dev.pillars.logging.spring;
