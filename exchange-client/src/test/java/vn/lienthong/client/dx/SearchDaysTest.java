package vn.lienthong.client.dx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** A day on dx's command line is Vietnam's day, whatever the zone of the machine dx runs on. */
class SearchDaysTest {

  @Test
  void aDayMeansVietnamsDayWhateverTheMachinesZone() {
    TimeZone before = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      Instant fromUtcMachine = SearchCommand.instant("2026-11-01", false);
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Ho_Chi_Minh"));
      Instant fromHanoiMachine = SearchCommand.instant("2026-11-01", false);
      assertThat(fromUtcMachine).isEqualTo(fromHanoiMachine).isEqualTo(Instant.parse("2026-10-31T17:00:00Z"));
      assertThat(SearchCommand.instant("2026-11-01", true)).isEqualTo(Instant.parse("2026-11-01T17:00:00Z"));
      assertThat(SearchCommand.instant("2026-11-01T03:00:00Z", false)).isEqualTo(Instant.parse("2026-11-01T03:00:00Z"));
    } finally {
      TimeZone.setDefault(before);
    }
  }
}
