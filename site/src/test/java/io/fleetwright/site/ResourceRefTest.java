package io.fleetwright.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceRefTest {

  @Test
  void parsesTypeAndTitleAndPrintsThemBack() {
    ResourceRef ref = ResourceRef.parse("Lamp::Webapp[app1-2]");

    assertEquals("Lamp::Webapp", ref.type());
    assertEquals("app1-2", ref.title());
    assertEquals("Lamp::Webapp[app1-2]", ref.toString());
    assertEquals("File[/etc/a[1]]", ResourceRef.parse("File[/etc/a[1]]").toString());
  }

  @Test
  void rejectsTextThatIsNotTypeAndTitleNamingTheFix() {
    for (String bad : List.of("Sql app1", "Sql[app1", "[app1]", "Sql[]", "1Sql[x]", "Lamp:Db[x]")) {
      SiteException e = assertThrows(SiteException.class, () -> ResourceRef.parse(bad), bad);
      assertTrue(
          e.getMessage().contains("'" + bad + "' is not a resource reference"), e.getMessage());
      assertTrue(e.getMessage().contains("e.g."), e.getMessage());
    }
  }

  @Test
  void sortsLikeTheTextOfTheReference() {
    List<String> texts =
        List.of("Lamp[app1]", "Lamp::Mysql[app1]", "Lamp[app10]", "Lam[z]", "Lamp[app1-1]", "A[b]");
    List<ResourceRef> refs = new ArrayList<>(texts.stream().map(ResourceRef::parse).toList());
    List<String> expected = new ArrayList<>(texts);

    refs.sort(null);
    expected.sort(null);

    assertEquals(expected, refs.stream().map(ResourceRef::toString).toList());
  }
}
