/** Spring Boot auto-configuration of pillars-langchain4j (active only with Spring Boot present). */
@NullMarked
package dev.pillars.langchain4j.spring;

import org.jspecify.annotations.NullMarked;
