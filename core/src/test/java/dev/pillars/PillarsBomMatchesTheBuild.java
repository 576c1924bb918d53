package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

// issue 13: pillars-bom has no parent (it must not leak pillars-parent's dependencyManagement
// into users' builds), so its versions are written twice; this pins them to the build's.
class PillarsBomMatchesTheBuild {

  @Test
  void theBomManagesTheVersionsCoreIsBuiltAndCheckedWith() throws Exception {
    Properties built = new Properties();
    try (InputStream in =
        DependencyVersionCheck.class.getResourceAsStream("dependency-versions.properties")) {
      built.load(in);
    }
    Document bom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("bom", "pom.xml").toFile());
    Element project = bom.getDocumentElement();

    assertThat(text(project, "version")).isEqualTo(built.getProperty("pillars"));
    assertThat(text(project, "pillars.opentelemetry.version"))
        .isEqualTo(built.getProperty("opentelemetry"));
    assertThat(text(project, "pillars.opentelemetry-alpha.version"))
        .isEqualTo(built.getProperty("opentelemetry.alpha"));
    assertThat(text(project, "pillars.opentelemetry-instrumentation.version"))
        .isEqualTo(built.getProperty("opentelemetry-instrumentation"));
    assertThat(text(project, "pillars.prometheus-metrics.version"))
        .isEqualTo(built.getProperty("prometheus-metrics"));
    assertThat(project.getElementsByTagName("parent").getLength()).isZero();
  }

  /** The text of the first element called {@code name} (the project's own, for "version"). */
  private static String text(Element root, String name) {
    for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    return root.getElementsByTagName(name).item(0).getTextContent().trim();
  }
}
