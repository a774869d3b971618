package io.fleetwright.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwright.site.SitePlanException.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SitePlannerTest {

  private static final String DEV1 = "dev1.devco.net";
  private static final String DEV2 = "dev2.devco.net";
  private static final String DEV3 = "dev3.devco.net";
  private static final String DEV4 = "dev4.devco.net";

  @Test
  void theLampSampleRunsTheDatabaseNodeFirstThenTheThreeWebNodes() {
    SitePlan plan = SitePlanner.plan(Samples.load("env-graph-sample-lamp.json"));

    assertEquals(List.of(List.of(DEV1), List.of(DEV2, DEV3, DEV4)), plan.groups());
    assertEquals(
        List.of(List.of(List.of(DEV2, DEV3, DEV4))), List.of(plan.levels().get(1).batches()));
    assertEquals(
        List.of(ResourceRef.parse("Lamp[app1]"), ResourceRef.parse("Lamp[app2]")),
        plan.applications());
    assertEquals(
        Map.of(
            ResourceRef.parse("Lamp[app1]"), List.of(ResourceRef.parse("Lamp::Mysql[app1]")),
            ResourceRef.parse("Lamp[app2]"), List.of(ResourceRef.parse("Lamp::Mysql[app2]"))),
        plan.nodeComponents().get(DEV1));
  }

  @Test
  void thePuppetDocumentationExampleRunsDatabaseThenWebThenLoadBalancer() {
    SitePlan plan = SitePlanner.plan(Samples.load("env-graph-puppet-doc-webapp.json"));

    assertEquals(List.of(List.of("agent1"), List.of("agent2"), List.of("agent3")), plan.groups());
    assertEquals(
        List.of("Web[pao_w1]", "Web[pao_w2]", "Web[pao_w3]"),
        plan.nodeComponents().get("agent2").get(ResourceRef.parse("Webapp[pao]")).stream()
            .map(ResourceRef::toString)
            .toList());
  }

  @Test
  void theCyclicSampleFailsNamingBothNodesAndTheCapabilityOnEachEdge() {
    SitePlanException e =
        assertThrows(
            SitePlanException.class,
            () -> SitePlanner.plan(Samples.load("env-graph-cyclic-lamp.json")));

    assertEquals(Reason.CYCLE, e.reason());
    assertEquals(List.of(DEV1, DEV3), e.cycle());
    String message = e.getMessage();
    assertContains(message, "nodes dev1.devco.net -> dev3.devco.net -> dev1.devco.net form a");
    assertContains(
        message,
        "dev1.devco.net -> dev3.devco.net: Sql[app2] (produced by Lamp::Mysql[app2], consumed by"
            + " Lamp::Webapp[app2-2])");
    assertContains(
        message,
        "dev3.devco.net -> dev1.devco.net: Sql[app1] (produced by Lamp::Mysql[app1], consumed by"
            + " Lamp::Webapp[app1-2])");
    assertContains(message, "2 more node(s) wait on this cycle");
    assertContains(message, "--instance");
  }

  @Test
  void theCyclicSampleResolvesWhenOnlyLampApp2IsPlanned() {
    SitePlanOptions onlyApp2 = new SitePlanOptions(ResourceRef.parse("Lamp[app2]"), null);

    SitePlan plan = SitePlanner.plan(Samples.load("env-graph-cyclic-lamp.json"), onlyApp2);

    assertEquals(List.of(List.of(DEV1), List.of(DEV2, DEV3, DEV4)), plan.groups());
    assertEquals(List.of(ResourceRef.parse("Lamp[app2]")), plan.applications());
    assertEquals(ResourceRef.parse("Lamp[app2]"), plan.instance());
    assertEquals(
        List.of(ResourceRef.parse("Lamp[app2]")),
        List.copyOf(plan.nodeComponents().get(DEV3).keySet()));
  }

  @Test
  void anInstanceThatIsNotInTheSiteIsNamedWithTheChoices() {
    SitePlanOptions unknown = new SitePlanOptions(ResourceRef.parse("Lamp[app9]"), null);

    SitePlanException e =
        assertThrows(
            SitePlanException.class,
            () -> SitePlanner.plan(Samples.load("env-graph-sample-lamp.json"), unknown));

    assertEquals(Reason.UNKNOWN_INSTANCE, e.reason());
    assertContains(e.getMessage(), "instance Lamp[app9] is not an application of this site");
    assertContains(e.getMessage(), "choose one of Lamp[app1], Lamp[app2]");
  }

  @Test
  void aConsumedCapabilityThatNothingProducesIsNamedWithItsConsumer() {
    SiteFile site =
        site(
            Map.of(
                "Db[x]", SiteComponent.on("a").producing("Sql[x]"),
                "Web[x]", SiteComponent.on("b").consuming("Sql[x]", "Cache[nope]")));

    SitePlanException e = assertThrows(SitePlanException.class, () -> SitePlanner.plan(site));

    assertEquals(Reason.MISSING_PRODUCER, e.reason());
    assertContains(
        e.getMessage(),
        "Cache[nope] is consumed by Web[x] (application App[one], node b) but no component"
            + " produces it");
  }

  @Test
  void anInstanceThatConsumesFromALeftOutApplicationNamesTheProducerAndTheFilter() {
    Map<ResourceRef, SiteApplication> apps = new LinkedHashMap<>();
    apps.put(
        app("Db[one]"), application("Mysql[one]", SiteComponent.on("a").producing("Sql[one]")));
    apps.put(
        app("Web[two]"), application("Site[two]", SiteComponent.on("b").consuming("Sql[one]")));
    SitePlanOptions onlyWeb = new SitePlanOptions(app("Web[two]"), null);

    SitePlanException e =
        assertThrows(
            SitePlanException.class,
            () -> SitePlanner.plan(SiteFile.of("production", apps), onlyWeb));

    assertEquals(Reason.FILTERED_OUT, e.reason());
    assertContains(
        e.getMessage(),
        "Sql[one] is consumed by Site[two] (application Web[two], node b) but produced by"
            + " Mysql[one] (application Db[one], node a)");
    assertContains(e.getMessage(), "Plan without --instance");
  }

  @Test
  void dependenciesWithinOneNodeAreDroppedInsteadOfDeadlocking() {
    SiteFile site =
        site(
            Map.of(
                "Db[x]", SiteComponent.on("a").producing("Sql[x]"),
                "Web[x]", SiteComponent.on("a").consuming("Sql[x]").requiring("Db[x]"),
                "Own[x]", SiteComponent.on("b").producing("Own[x]").consuming("Own[x]")));

    SitePlan plan = SitePlanner.plan(site);

    assertEquals(List.of(List.of("a", "b")), plan.groups());
  }

  @Test
  void requiresOrdersTheRequiringNodeAfterTheRequiredComponentsNode() {
    SiteFile site =
        site(
            Map.of(
                "Web[x]", SiteComponent.on("a").requiring("Db[x]"),
                "Db[x]", SiteComponent.on("z")));

    assertEquals(List.of(List.of("z"), List.of("a")), SitePlanner.plan(site).groups());
  }

  @Test
  void aLongerCycleIsReportedFromItsFirstNodeWithRequiresEdgesLabelled() {
    SiteFile site =
        site(
            Map.of(
                "A[x]", SiteComponent.on("n1").producing("Cap[a]").requiring("C[x]"),
                "B[x]", SiteComponent.on("n2").producing("Cap[b]").consuming("Cap[a]"),
                "C[x]", SiteComponent.on("n3").consuming("Cap[b]"),
                "D[x]", SiteComponent.on("n0").producing("Cap[d]")));

    SitePlanException e = assertThrows(SitePlanException.class, () -> SitePlanner.plan(site));

    assertEquals(List.of("n1", "n2", "n3"), e.cycle());
    assertContains(e.getMessage(), "n1 -> n2: Cap[a] (produced by A[x], consumed by B[x])");
    assertContains(e.getMessage(), "n2 -> n3: Cap[b] (produced by B[x], consumed by C[x])");
    assertContains(e.getMessage(), "n3 -> n1: A[x] requires C[x]");
  }

  @Test
  void levelsAreSplitIntoBatchesWithACanaryFirst() {
    SitePlanOptions canary = new SitePlanOptions(null, BatchSchedule.parse("1,50%"));

    SitePlan plan = SitePlanner.plan(Samples.load("env-graph-sample-lamp.json"), canary);

    assertEquals(List.of(List.of(DEV1)), plan.levels().get(0).batches());
    assertEquals(List.of(List.of(DEV2), List.of(DEV3, DEV4)), plan.levels().get(1).batches());
    assertEquals("1,50%", plan.batch().toString());
  }

  @Test
  void batchesFollowTheScheduleThenRepeatItsLastStep() {
    List<String> ten = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    assertEquals(
        List.of(
            List.of("a", "b", "c"), List.of("d", "e", "f"), List.of("g", "h", "i"), List.of("j")),
        SitePlanner.batches(ten, BatchSchedule.parse("3")));
    assertEquals(
        List.of(List.of("a"), List.of("b", "c", "d"), List.of("e", "f", "g", "h", "i", "j")),
        SitePlanner.batches(ten, BatchSchedule.parse("1,25%,100%")));
    assertEquals(
        List.of(
            List.of("a", "b", "c"), List.of("d", "e", "f"), List.of("g", "h", "i"), List.of("j")),
        SitePlanner.batches(ten, BatchSchedule.parse("25%")));
    assertEquals(List.of(ten), SitePlanner.batches(ten, BatchSchedule.WHOLE_LEVEL));
  }

  @Test
  void theSitePolicyBatchIsUsedUnlessTheOptionsOverrideIt() {
    SiteFile lamp = Samples.load("env-graph-sample-lamp.json");
    SiteFile batched =
        new SiteFile(
            1,
            lamp.environment(),
            null,
            lamp.applications(),
            Map.of(),
            lamp.policy().withBatch(BatchSchedule.parse("2")));

    assertEquals(
        List.of(List.of(DEV2, DEV3), List.of(DEV4)),
        SitePlanner.plan(batched).levels().get(1).batches());
    assertEquals(
        List.of(List.of(DEV2), List.of(DEV3), List.of(DEV4)),
        SitePlanner.plan(batched, new SitePlanOptions(null, BatchSchedule.parse("1")))
            .levels()
            .get(1)
            .batches());
  }

  private static SiteFile site(Map<String, SiteComponent> components) {
    return SiteFile.of("production", Map.of(app("App[one]"), application(components)));
  }

  private static SiteApplication application(String ref, SiteComponent component) {
    return application(Map.of(ref, component));
  }

  private static SiteApplication application(Map<String, SiteComponent> components) {
    Map<ResourceRef, SiteComponent> byRef = new LinkedHashMap<>();
    components.forEach((ref, component) -> byRef.put(ResourceRef.parse(ref), component));
    return new SiteApplication(byRef);
  }

  private static ResourceRef app(String ref) {
    return ResourceRef.parse(ref);
  }

  static void assertContains(String actual, String expected) {
    assertTrue(
        actual.contains(expected), () -> "expected to find\n" + expected + "\nin\n" + actual);
  }
}
