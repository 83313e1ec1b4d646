package vn.lienthong.bench.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

  /**
   * The fan-out row goes into the table whose header names the column "send p50/p90/p99 ms"; its
   * figures are min / median / max of five sends. Unlabelled, "111 / 148 / 172" reads as p50 111,
   * p90 148, p99 172 when the median is 148.
   */
  @Test
  void fanOutRowSaysItsFiguresAreMinMedianMaxNotPercentiles() {
    LoadOptions o = LoadOptions.parse(new String[] {"--fan-out-all=5", "--label=fan-out to every unit"});
    Report r = Report.fanOut(o, 969, 1007, List.of(172.0, 111.0, 148.0, 130.0, 160.0));

    String[] header = Report.MARKDOWN_HEADER.lines().findFirst().orElseThrow().split("\\|");
    String[] cells = r.markdownRow().split("\\|");
    assertThat(header[6].strip()).isEqualTo("send p50/p90/p99 ms");
    assertThat(cells[6]).contains("min / median / max 111 / 148 / 172");
  }
}
