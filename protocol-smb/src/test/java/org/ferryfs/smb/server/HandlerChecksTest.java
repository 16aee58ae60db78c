package org.ferryfs.smb.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.ferryfs.smb.wire.AccessMask;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks handlers make before they reach the core: access to READ ([MS-SMB2] 3.3.5.12) and to file
 * classes, and the output-buffer rules of QUERY_INFO ([MS-SMB2] 3.3.5.20, [MS-FSCC] 2.5).
 */
class HandlerChecksTest {
  private LoggedOn on;

  @BeforeEach
  void logOn() throws Exception {
    on = new LoggedOn();
  }

  private static byte[] read(long fileId) {
    return new ByteWriter()
        .u16(49)
        .u8(0)
        .u8(0)
        .i32(5)
        .i64(0)
        .i64(fileId)
        .i64(fileId)
        .i32(0)
        .i32(0)
        .i32(0)
        .u16(0)
        .u16(0)
        .u8(0)
        .toByteArray();
  }

  private static byte[] queryInfo(long fileId, int type, int cls, int outputLength) {
    return new ByteWriter()
        .u16(41)
        .u8(type)
        .u8(cls)
        .i32(outputLength)
        .u16(0)
        .u16(0)
        .i32(0)
        .i32(0)
        .i32(0)
        .i64(fileId)
        .i64(fileId)
        .u8(0)
        .toByteArray();
  }

  private int status(int command, byte[] body) throws Exception {
    byte[] r = on.send(new LoggedOn.Part(command, on.sid, false, body)).get(0);
    return Smb2Header.decode(new ByteReader(r)).status();
  }

  @Test
  void aReadWithoutReadDataOrExecuteAccessIsDenied() throws Exception {
    // smb2.read.access: opened with FILE_READ_ATTRIBUTES only
    on.fileOpen(5, AccessMask.FILE_READ_ATTRIBUTES);
    assertThat(status(LoggedOn.READ, read(5))).isEqualTo(NtStatus.STATUS_ACCESS_DENIED);
  }

  @Test
  void basicInformationNeedsReadAttributes() throws Exception {
    on.fileOpen(6, AccessMask.SYNCHRONIZE);
    assertThat(status(LoggedOn.QUERY_INFO, queryInfo(6, 1, 4, 40)))
        .isEqualTo(NtStatus.STATUS_ACCESS_DENIED);
  }

  @Test
  void aBufferBelowTheFixedPartIsALengthMismatchAndAboveItAnOverflow() throws Exception {
    // FileFsVolumeInformation of share "IPC$": 18 fixed bytes + 8 of label, sized 24 by Windows
    on.fileOpen(7, AccessMask.FILE_READ_ATTRIBUTES);
    assertThat(status(LoggedOn.QUERY_INFO, queryInfo(7, 2, 1, 23)))
        .isEqualTo(NtStatus.STATUS_INFO_LENGTH_MISMATCH);
    assertThat(status(LoggedOn.QUERY_INFO, queryInfo(7, 2, 1, 24)))
        .isEqualTo(NtStatus.STATUS_BUFFER_OVERFLOW);
    assertThat(status(LoggedOn.QUERY_INFO, queryInfo(7, 2, 1, 26)))
        .isEqualTo(NtStatus.STATUS_SUCCESS);
  }

  @Test
  void fsControlInformationSaysNoQuotasAndIsAllFixed() throws Exception {
    on.fileOpen(8, AccessMask.FILE_READ_ATTRIBUTES);
    assertThat(status(LoggedOn.QUERY_INFO, queryInfo(8, 2, 6, 47)))
        .isEqualTo(NtStatus.STATUS_INFO_LENGTH_MISMATCH);
    byte[] r =
        on.send(new LoggedOn.Part(LoggedOn.QUERY_INFO, on.sid, false, queryInfo(8, 2, 6, 48)))
            .get(0);
    ByteReader in = new ByteReader(r);
    in.seek(64 + 4);
    assertThat(in.u32()).isEqualTo(48);
    in.seek(64 + 8 + 24);
    assertThat(in.i64()).as("DefaultQuotaThreshold: none").isEqualTo(-1L);
    assertThat(in.i64()).as("DefaultQuotaLimit: none").isEqualTo(-1L);
    assertThat(in.i32()).as("FILE_VC_QUOTA_NONE").isZero();
  }

  @Test
  void theAlternateNameOfAFileWithoutShortNamesIsNotFound() throws Exception {
    on.fileOpen(9, AccessMask.FILE_READ_ATTRIBUTES);
    assertThat(status(LoggedOn.QUERY_INFO, queryInfo(9, 1, 21, 1024)))
        .isEqualTo(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
  }
}
