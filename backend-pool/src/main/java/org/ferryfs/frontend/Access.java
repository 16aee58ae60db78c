package org.ferryfs.frontend;

/**
 * Access rights a client can ask about (the same bits as NFSv3 ACCESS, RFC 1813 §3.3.4, which SMB
 * access masks are mapped onto).
 */
public final class Access {
  public static final int READ = 0x0001;
  public static final int LOOKUP = 0x0002;
  public static final int MODIFY = 0x0004;
  public static final int EXTEND = 0x0008;
  public static final int DELETE = 0x0010;
  public static final int EXECUTE = 0x0020;
  public static final int ALL = READ | LOOKUP | MODIFY | EXTEND | DELETE | EXECUTE;

  private Access() {}
}
