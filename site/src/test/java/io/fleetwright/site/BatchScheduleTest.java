package io.fleetwright.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchScheduleTest {

  @Test
  void aCountRepeatsUntilTheLevelIsUsedUp() {
    assertEquals(List.of(3, 3, 3, 1), BatchSchedule.parse("3").sizes(10));
    assertEquals(List.of(4), BatchSchedule.parse("50").sizes(4));
  }

  @Test
  void aPercentageIsOfTheWholeLevelRoundedUp() {
    assertEquals(List.of(3, 3, 3, 1), BatchSchedule.parse("25%").sizes(10));
    assertEquals(List.of(1, 1, 1), BatchSchedule.parse("10%").sizes(3));
    assertEquals(List.of(10), BatchSchedule.WHOLE_LEVEL.sizes(10));
  }

  @Test
  void aListRunsACanaryThenEachStepOnceThenRepeatsTheLast() {
    assertEquals(List.of(1, 3, 6), BatchSchedule.parse("1,25%,100%").sizes(10));
    assertEquals(List.of(1, 2, 2, 2, 2, 1), BatchSchedule.parse("1, 2").sizes(10));
    assertEquals(List.of(1), BatchSchedule.parse("1,25%,100%").sizes(1));
    assertEquals(List.of(), BatchSchedule.parse("1,25%").sizes(0));
  }

  @Test
  void readsTheJsonFormsAndWritesThemBack() {
    assertEquals("5", BatchSchedule.fromJson(5).toString());
    assertEquals("25%", BatchSchedule.fromJson("25%").toString());
    assertEquals("1,25%,100%", BatchSchedule.fromJson(List.of(1, "25%", "100%")).toString());
    assertEquals("1,25%,100%", BatchSchedule.fromJson("1,25%,100%").toString());
    assertEquals(List.of(1, "25%", "100%"), BatchSchedule.parse("1,25%,100%").toJson());
    assertEquals(5, BatchSchedule.parse("5").toJson());
  }

  @Test
  void rejectsSizesThatAreNotACountOrAPercentage() {
    for (String bad : List.of("0", "abc", "101%", "", "1,,2", "-1", "2.5")) {
      SiteException e = assertThrows(SiteException.class, () -> BatchSchedule.parse(bad), bad);
      assertTrue(e.getMessage().contains("batch size"), e.getMessage());
    }
    SiteException e = assertThrows(SiteException.class, () -> BatchSchedule.fromJson(true));
    assertTrue(e.getMessage().contains("batch entry 'true'"), e.getMessage());
  }
}
