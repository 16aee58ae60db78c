package org.ferryfs.backend.smb;

import com.hierynomus.smbj.auth.AuthenticationContext;

/**
 * The account a backend logs on with (NTLM through smbj); none at all means an anonymous logon.
 * Never printed: {@link #toString()} hides every field.
 */
final class SmbCredentials {
  private final String username;
  private final char[] password;
  private final String domain;

  SmbCredentials(String username, String password, String domain) {
    this.username = username;
    this.password = password == null ? new char[0] : password.toCharArray();
    this.domain = domain;
  }

  /** smbj's authentication context; a fresh copy of the password each time. */
  AuthenticationContext context() {
    if (username == null) {
      return AuthenticationContext.anonymous();
    }
    return new AuthenticationContext(username, password.clone(), domain == null ? "" : domain);
  }

  @Override
  public String toString() {
    return "SmbCredentials[hidden]";
  }
}
