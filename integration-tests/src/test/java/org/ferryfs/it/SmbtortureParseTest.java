package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How smbtorture's output is read: outcomes, reasons, names with spaces, a crash mid-test. */
class SmbtortureParseTest {
  @Test
  void outcomesReasonsAndACrash() {
    String out =
        """
        smbtorture 4.17.12-Debian
        test: eof
        success: eof
        test: position
        failure: position [
        ../../source4/torture/smb2/read.c:174: position was 0, expected 10
        ]
        test: copy-chunk streams
        error: copy-chunk streams [
        copy_one_stream failed
        ]
        test: bug14607
        skip: bug14607 [
        not supported
        ]
        test: related1
        INTERNAL ERROR: Signal 11
        """;
    Smbtorture.Result r = Smbtorture.parse("smb2.read", out, 134);
    assertThat(r.outcomes())
        .containsEntry("smb2.read.eof", Smbtorture.Outcome.SUCCESS)
        .containsEntry("smb2.read.position", Smbtorture.Outcome.FAILURE)
        .containsEntry("smb2.read.copy-chunk streams", Smbtorture.Outcome.ERROR)
        .containsEntry("smb2.read.bug14607", Smbtorture.Outcome.SKIP)
        .containsEntry("smb2.read.related1", Smbtorture.Outcome.CRASHED);
    assertThat(r.reasons().get("smb2.read.position")).contains("read.c:174");
    assertThat(r.failed())
        .containsExactly(
            "smb2.read.copy-chunk streams", "smb2.read.position", "smb2.read.related1");
    assertThat(r.completed()).isFalse();
  }

  @Test
  void aSuiteThatDiesBeforeItsFirstTestIsOneCrash() {
    Smbtorture.Result r = Smbtorture.parse("smb2.compound", "Segmentation fault\n", 139);
    assertThat(r.failed()).containsExactly("smb2.compound");
  }
}
