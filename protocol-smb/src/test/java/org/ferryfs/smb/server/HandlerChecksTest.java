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

  private static byte[] ioctl(long fileId, int code, byte[] input, int maxOut) {
    ByteWriter w =
        new ByteWriter()
            .u16(57)
            .u16(0)
            .i32(code)
            .i64(fileId)
            .i64(fileId)
            .i32(64 + 56)
            .i32(input.length)
            .i32(0)
            .i32(0)
            .i32(0)
            .i32(maxOut)
            .i32(1)
            .i32(0);
    return w.bytes(input).toByteArray();
  }

  private byte[] reply(int command, byte[] body) throws Exception {
    return on.send(new LoggedOn.Part(command, on.sid, false, body)).get(0);
  }

  private static final int IOCTL = 11;

  @Test
  void theResumeKeyIsStablePerOpenAndCopyChunkChecksKeyAccessAndLimits() throws Exception {
    on.fileOpen(20, AccessMask.FILE_READ_DATA, new org.ferryfs.frontend.FileRef(0, 20, 1));
    on.fileOpen(21, AccessMask.FILE_WRITE_DATA, new org.ferryfs.frontend.FileRef(0, 21, 1));

    byte[] k1 = reply(IOCTL, ioctl(20, SrvCopyChunk.FSCTL_SRV_REQUEST_RESUME_KEY, new byte[0], 32));
    byte[] k2 = reply(IOCTL, ioctl(20, SrvCopyChunk.FSCTL_SRV_REQUEST_RESUME_KEY, new byte[0], 32));
    assertThat(Smb2Header.decode(new ByteReader(k1)).status()).isZero();
    byte[] key = java.util.Arrays.copyOfRange(k1, 64 + 48, 64 + 48 + 24);
    assertThat(java.util.Arrays.copyOfRange(k2, 64 + 48, 64 + 48 + 24)).isEqualTo(key);
    assertThat(k1).hasSize(64 + 48 + 32);

    byte[] one = org.ferryfs.smb.wire.SrvCopyChunkCopyTest.copy(key, 1, new long[] {0, 0, 4096});
    // COPYCHUNK needs read access on the target; COPYCHUNK_WRITE does not
    assertThat(status(IOCTL, ioctl(21, SrvCopyChunk.FSCTL_SRV_COPYCHUNK, one, 12)))
        .isEqualTo(NtStatus.STATUS_ACCESS_DENIED);
    byte[] badKey =
        org.ferryfs.smb.wire.SrvCopyChunkCopyTest.copy(new byte[24], 1, new long[] {0, 0, 4096});
    assertThat(status(IOCTL, ioctl(21, SrvCopyChunk.FSCTL_SRV_COPYCHUNK_WRITE, badKey, 12)))
        .isEqualTo(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
    assertThat(status(IOCTL, ioctl(21, SrvCopyChunk.FSCTL_SRV_COPYCHUNK_WRITE, one, 11)))
        .as("MaxOutputResponse below SRV_COPYCHUNK_RESPONSE")
        .isEqualTo(NtStatus.STATUS_INVALID_PARAMETER);

    byte[] huge =
        org.ferryfs.smb.wire.SrvCopyChunkCopyTest.copy(key, 1, new long[] {0, 0, 0xFFFFFFFFL});
    byte[] r = reply(IOCTL, ioctl(21, SrvCopyChunk.FSCTL_SRV_COPYCHUNK_WRITE, huge, 12));
    assertThat(Smb2Header.decode(new ByteReader(r)).status())
        .isEqualTo(NtStatus.STATUS_INVALID_PARAMETER);
    ByteReader limits = new ByteReader(r);
    limits.seek(64 + 48);
    assertThat(limits.i32()).as("max chunks").isEqualTo(256);
    assertThat(limits.i32()).as("max chunk size").isEqualTo(1024 * 1024);
    assertThat(limits.i32()).as("max data size").isEqualTo(16 * 1024 * 1024);
  }

  @Test
  void compressionIsNoneAndOnlyNoneMayBeSet() throws Exception {
    on.fileOpen(30, AccessMask.FILE_READ_DATA);
    byte[] r = reply(IOCTL, ioctl(30, Smb2Ioctl.FSCTL_GET_COMPRESSION, new byte[0], 2));
    assertThat(Smb2Header.decode(new ByteReader(r)).status()).isZero();
    ByteReader out = new ByteReader(r);
    out.seek(64 + 48);
    assertThat(out.u16()).isZero();
    assertThat(status(IOCTL, ioctl(30, Smb2Ioctl.FSCTL_SET_COMPRESSION, new byte[] {1, 0}, 0)))
        .isEqualTo(NtStatus.STATUS_NOT_SUPPORTED);
    assertThat(status(IOCTL, ioctl(30, Smb2Ioctl.FSCTL_SET_COMPRESSION, new byte[] {0, 0}, 0)))
        .isEqualTo(NtStatus.STATUS_SUCCESS);
  }

  /** A FileService whose only answer is getattr: a regular file whose fileId is the object id. */
  private static org.ferryfs.frontend.FileService getattrOnly() {
    return (org.ferryfs.frontend.FileService)
        java.lang.reflect.Proxy.newProxyInstance(
            HandlerChecksTest.class.getClassLoader(),
            new Class<?>[] {org.ferryfs.frontend.FileService.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("getattr")) {
                throw new UnsupportedOperationException(method.getName());
              }
              java.time.Instant t = java.time.Instant.EPOCH;
              long id = ((org.ferryfs.frontend.FileRef) args[1]).objectId();
              return new org.ferryfs.backend.FileAttributes(
                  org.ferryfs.backend.FileType.REGULAR, 0644, 1, 0, 0, 0, 0, 0, 0, id, t, t, t, t);
            });
  }

  @Test
  void objectIdsAreStablePerFileAndDifferBetweenFiles() throws Exception {
    ServerContext server =
        new ServerContext(
            getattrOnly(), SmbConnectionTest.SERVER.config, java.time.Clock.systemUTC());
    LoggedOn on2 = new LoggedOn(server);
    on2.fileOpen(40, AccessMask.FILE_READ_ATTRIBUTES, new org.ferryfs.frontend.FileRef(0, 7, 1));
    on2.fileOpen(41, AccessMask.FILE_READ_ATTRIBUTES, new org.ferryfs.frontend.FileRef(0, 7, 1));
    on2.fileOpen(42, AccessMask.FILE_READ_ATTRIBUTES, new org.ferryfs.frontend.FileRef(0, 8, 1));
    byte[][] ids = new byte[3][];
    for (int i = 0; i < 3; i++) {
      byte[] r =
          on2.send(
                  new LoggedOn.Part(
                      IOCTL,
                      on2.sid,
                      false,
                      ioctl(40 + i, Smb2Ioctl.FSCTL_CREATE_OR_GET_OBJECT_ID, new byte[0], 64)))
              .get(0);
      assertThat(Smb2Header.decode(new ByteReader(r)).status()).isZero();
      byte[] buf = java.util.Arrays.copyOfRange(r, 64 + 48, 64 + 48 + 64);
      assertThat(buf).hasSize(64);
      assertThat(java.util.Arrays.copyOfRange(buf, 32, 48))
          .as("BirthObjectId is the ObjectId")
          .isEqualTo(java.util.Arrays.copyOfRange(buf, 0, 16));
      ids[i] = java.util.Arrays.copyOfRange(buf, 0, 16);
    }
    assertThat(ids[1]).as("same file, same id").isEqualTo(ids[0]);
    assertThat(ids[2]).as("another file, another id").isNotEqualTo(ids[0]);
  }
}
