package org.ferryfs.smb.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.ferryfs.smb.wire.NtStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compounded requests ([MS-SMB2] 3.3.5.2.7) through the real dispatcher: what a related request
 * inherits, how failures travel along a related chain, and how the replies are framed (the cases of
 * smbtorture's smb2.compound related5, unrelated1, invalid1, invalid2 and invalid4).
 */
class CompoundTest {
  private LoggedOn on;

  @BeforeEach
  void logOn() throws Exception {
    on = new LoggedOn();
  }

  @Test
  void theRelatedFileIdWithoutAnEarlierOpenIsAClosedFile() throws Exception {
    // smb2.compound.related5 / unrelated1: the all-ones FileId names no open
    assertThat(
            on.statuses(on.close(on.sid, false), on.close(on.sid, true), on.close(on.sid, false)))
        .containsExactly(
            NtStatus.STATUS_FILE_CLOSED, NtStatus.STATUS_FILE_CLOSED, NtStatus.STATUS_FILE_CLOSED);
  }

  @Test
  void aFirstRequestFlaggedRelatedFailsAndSoDoesItsRelatedChain() throws Exception {
    // smb2.compound.invalid1
    assertThat(on.statuses(on.close(on.sid, true), on.close(on.sid, true), on.close(on.sid, false)))
        .containsExactly(
            NtStatus.STATUS_INVALID_PARAMETER,
            NtStatus.STATUS_INVALID_PARAMETER,
            NtStatus.STATUS_FILE_CLOSED);
  }

  @Test
  void aRelatedRequestAfterOneWithoutASessionIsInvalid() throws Exception {
    // smb2.compound.invalid2: the related request inherits the missing session, not its own
    assertThat(
            on.statuses(
                on.close(on.sid, false),
                on.close(LoggedOn.ALL_ONES, false),
                on.close(on.sid, true)))
        .containsExactly(
            NtStatus.STATUS_FILE_CLOSED,
            NtStatus.STATUS_USER_SESSION_DELETED,
            NtStatus.STATUS_INVALID_PARAMETER);
  }

  @Test
  void aCommandThatDoesNotExistIsAnInvalidParameter() throws Exception {
    // smb2.compound.invalid4
    assertThat(
            on.statuses(
                on.close(on.sid, false), new LoggedOn.Part(0xff, on.sid, true, new byte[8])))
        .containsExactly(NtStatus.STATUS_FILE_CLOSED, NtStatus.STATUS_INVALID_PARAMETER);
  }

  @Test
  void aRelatedRequestUsesTheFileTheChainOpenedAndAFailedReadDoesNotFailTheNext() throws Exception {
    // smb2.compound.related6: the open may read but not write; only a failed CREATE travels
    on.fileOpen(42, org.ferryfs.smb.wire.AccessMask.FILE_READ_ATTRIBUTES);
    byte[] read =
        new org.ferryfs.smb.wire.ByteWriter()
            .u16(49)
            .u8(0)
            .u8(0)
            .i32(1)
            .i64(0)
            .i64(42)
            .i64(42)
            .i32(0)
            .i32(0)
            .i32(0)
            .u16(0)
            .u16(0)
            .u8(0)
            .toByteArray();
    byte[] relatedRead = read.clone();
    java.util.Arrays.fill(relatedRead, 16, 32, (byte) 0xff);
    assertThat(
            on.statuses(
                new LoggedOn.Part(LoggedOn.READ, on.sid, false, read),
                new LoggedOn.Part(LoggedOn.READ, on.sid, true, relatedRead)))
        .as("no FileId reaches a related request from a request that opened nothing")
        .containsExactly(NtStatus.STATUS_ACCESS_DENIED, NtStatus.STATUS_FILE_CLOSED);
  }
}
