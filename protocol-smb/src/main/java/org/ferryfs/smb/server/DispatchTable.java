package org.ferryfs.smb.server;

import java.util.EnumMap;
import java.util.Map;
import org.ferryfs.smb.wire.Smb2Command;

/**
 * The one table of SMB2 commands Ferry serves, each with what it needs before it may run (after
 * Samba's {@code smbd_smb2_table}). The dispatcher checks these; handlers assume them.
 */
final class DispatchTable {
  /** What a command needs. */
  enum Needs {
    /** Nothing: NEGOTIATE, SESSION_SETUP (which finds or makes its session itself). */
    NOTHING,
    /** An authenticated session. */
    SESSION,
    /** An authenticated session and a tree connect of it. */
    TREE
  }

  /** A command's row. */
  record Entry(Smb2Command command, Needs needs, Smb2Handler handler) {}

  private final Map<Smb2Command, Entry> entries = new EnumMap<>(Smb2Command.class);

  DispatchTable(ServerContext server) {
    add(Smb2Command.NEGOTIATE, Needs.NOTHING, new Smb2Negotiate(server));
    add(Smb2Command.SESSION_SETUP, Needs.NOTHING, new Smb2SessionSetup(server));
    add(Smb2Command.LOGOFF, Needs.SESSION, new Smb2Logoff());
    add(Smb2Command.TREE_CONNECT, Needs.SESSION, new Smb2TreeConnect(server));
    add(Smb2Command.TREE_DISCONNECT, Needs.TREE, new Smb2TreeDisconnect());
    add(Smb2Command.ECHO, Needs.NOTHING, new Smb2Echo());
    add(Smb2Command.CREATE, Needs.TREE, new Smb2Create(server));
    add(Smb2Command.CLOSE, Needs.TREE, new Smb2Close(server));
    add(Smb2Command.FLUSH, Needs.TREE, new Smb2Flush(server));
    add(Smb2Command.READ, Needs.TREE, new Smb2Read(server));
    add(Smb2Command.WRITE, Needs.TREE, new Smb2Write(server));
    add(Smb2Command.QUERY_DIRECTORY, Needs.TREE, new Smb2QueryDirectory(server));
    add(Smb2Command.QUERY_INFO, Needs.TREE, new Smb2QueryInfo(server));
    add(Smb2Command.SET_INFO, Needs.TREE, new Smb2SetInfo(server));
    add(Smb2Command.IOCTL, Needs.TREE, new Smb2Ioctl());
  }

  private void add(Smb2Command c, Needs needs, Smb2Handler h) {
    entries.put(c, new Entry(c, needs, h));
  }

  /** The row of a command, or {@code null} if Ferry does not serve it yet. */
  Entry get(Smb2Command c) {
    return entries.get(c);
  }
}
