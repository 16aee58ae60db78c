package org.ferryfs.smb.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.ferryfs.backend.BackendException;
import org.ferryfs.smb.auth.Crypto;
import org.ferryfs.smb.auth.Smb2Cipher;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb1Negotiate;
import org.ferryfs.smb.wire.Smb2Command;
import org.ferryfs.smb.wire.Smb2ErrorResponse;
import org.ferryfs.smb.wire.Smb2FileId;
import org.ferryfs.smb.wire.Smb2Header;
import org.ferryfs.smb.wire.Smb2TransformHeader;
import org.ferryfs.smb.wire.SmbStatus;
import org.ferryfs.smb.wire.WireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * [MS-SMB2] 3.3.1.7 Per Connection, and the dispatcher of its requests.
 *
 * <p>Design note. Messages arrive from the transport on a selector thread and are queued; one
 * virtual thread at a time drains the queue, so a connection's requests run in order and its state
 * needs no locks, while different connections run in parallel. Each message may hold several
 * compounded requests ([MS-SMB2] 3.3.5.2.7); their replies go back compounded in one message. The
 * dispatcher checks, in this order: the header, the message id against the credit window, the
 * session and its signature, the tree — whatever the {@link DispatchTable} row declares — and then
 * calls the handler inside the one catch that turns every failure into an error reply. An encrypted
 * message ([MS-SMB2] 2.2.41) is decrypted first and its replies go back encrypted with the same
 * session's keys; an encrypted message is not signature-checked (its AEAD tag authenticates it).
 */
public final class SmbConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SmbConnection.class);

  final ServerContext server;
  final ConnectionIo io;
  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong queuedBytes =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean closed;
  private boolean released;

  // State below is touched only by the thread draining the queue.
  /** The negotiated dialect, 0 before NEGOTIATE, 0x02FF after an SMB1 wildcard negotiate. */
  volatile int dialect;

  int clientCapabilities;
  int clientSecurityMode;
  byte[] clientGuid = new byte[16];
  int serverCapabilities;
  int serverSecurityMode;

  /** [MS-SMB2] 3.3.1.7 Connection.PreauthIntegrityHashValue (3.1.1). */
  byte[] preauthHash;

  /**
   * [MS-SMB2] 3.3.1.7 Connection.CipherId: the cipher sessions of this connection encrypt with, or
   * {@code null} when the connection cannot encrypt (2.x, no common cipher, {@code encryption:
   * off}).
   */
  Smb2Cipher cipher;

  final CreditWindow credits = new CreditWindow(SmbLimits.MAX_CREDITS);
  final Map<Long, Session> sessions = new HashMap<>();
  final Map<Long, Open> opens = new HashMap<>();
  private long nextVolatileId = 1;

  public SmbConnection(ServerContext server, ConnectionIo io) {
    this.server = server;
    this.io = io;
  }

  /** Takes one Direct TCP message from the transport (any thread). */
  public void received(byte[] message) {
    if (closed) {
      return;
    }
    if (queued.get() >= SmbLimits.MAX_QUEUED
        || queuedBytes.addAndGet(message.length) > SmbLimits.MAX_QUEUED_BYTES) {
      LOG.warn(
          "closing connection from {}: more than {} requests or {} bytes queued",
          io.remote(),
          SmbLimits.MAX_QUEUED,
          SmbLimits.MAX_QUEUED_BYTES);
      close();
      return;
    }
    queue.add(message);
    if (queued.getAndIncrement() == 0) {
      Thread.ofVirtual().name("smb-" + io.remote()).start(this::drain);
    }
  }

  private void drain() {
    do {
      byte[] m = queue.poll();
      if (m != null) {
        queuedBytes.addAndGet(-m.length);
      }
      if (closed) {
        if (!released) {
          released = true;
          releaseAll();
        }
      } else if (m != null) {
        try {
          process(m);
        } catch (RuntimeException | Error e) {
          // process() catches per request; reaching this is a bug in the framing of replies.
          LOG.error("closing connection from {}: unexpected failure", io.remote(), e);
          close();
        }
      }
    } while (queued.decrementAndGet() > 0);
  }

  /** Closes the connection and releases its opens (delete-on-close is honoured). */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    io.close();
  }

  /** Called by the transport once the connection is gone. */
  public void closedByTransport() {
    closed = true;
    queue.add(new byte[0]); // wakes the drainer, which then releases the opens
    if (queued.getAndIncrement() == 0) {
      Thread.ofVirtual().name("smb-close").start(this::drain);
    }
  }

  long newVolatileId() {
    return nextVolatileId++;
  }

  /** Processes one message (package-private for tests that drive a connection directly). */
  void process(byte[] msg) {
    if (msg.length >= 4
        && msg[0] == (byte) 0xFF
        && msg[1] == 'S'
        && msg[2] == 'M'
        && msg[3] == 'B') {
      processSmb1(msg);
      return;
    }
    if (Smb2TransformHeader.isTransform(msg)) {
      processEncrypted(msg);
      return;
    }
    processChain(msg, null);
  }

  /**
   * [MS-SMB2] 3.3.5.2.1.1 Decrypting the Message: a message that does not decode, names no session
   * with keys, or does not decrypt closes the connection.
   */
  private void processEncrypted(byte[] msg) {
    if (cipher == null) {
      drop("an encrypted message on a connection that negotiated no cipher");
      return;
    }
    Smb2TransformHeader th;
    try {
      th = Smb2TransformHeader.decode(new ByteReader(msg));
    } catch (WireException e) {
      drop(e.getMessage());
      return;
    }
    Session s = sessions.get(th.sessionId());
    if (s == null || s.encryption == null || s.state != Session.State.VALID) {
      drop("an encrypted message for session " + th.sessionId() + ", which has no keys");
      return;
    }
    byte[] plain = s.encryption.decrypt(msg, th);
    if (plain == null) {
      drop("a message of session " + th.sessionId() + " does not decrypt");
      return;
    }
    if (Smb2TransformHeader.isTransform(plain)) {
      drop("an encrypted message inside an encrypted message");
      return;
    }
    processChain(plain, s);
  }

  /**
   * Processes one SMB2 message or compound chain.
   *
   * @param encryptedBy the session whose keys decrypted it, {@code null} if it came in clear
   */
  private void processChain(byte[] msg, Session encryptedBy) {
    Session sealer = encryptedBy;
    List<byte[]> replies = new ArrayList<>();
    int offset = 0;
    Chain chain = null; // what the next related request inherits ([MS-SMB2] 3.3.5.2.7.2)
    for (int n = 0; ; n++) {
      if (n >= SmbLimits.MAX_COMPOUND) {
        drop("more than " + SmbLimits.MAX_COMPOUND + " compounded requests");
        return;
      }
      Smb2Header h;
      int end;
      try {
        ByteReader all = new ByteReader(msg, offset, msg.length);
        h = Smb2Header.decode(all);
        int next = h.nextCommand();
        if (next != 0
            && (next < Smb2Header.SIZE || (next & 7) != 0 || next > msg.length - offset)) {
          drop("NextCommand " + next + " is not a valid offset");
          return;
        }
        end = next == 0 ? msg.length : offset + next;
      } catch (WireException e) {
        drop(e.getMessage());
        return;
      }
      byte[] raw = java.util.Arrays.copyOfRange(msg, offset, end);
      // A first request flagged related inherits nothing: an empty chain, which fails it with
      // STATUS_INVALID_PARAMETER like any related request whose predecessor left no session.
      Chain inherited = h.isRelated() ? (chain == null ? Chain.EMPTY : chain) : null;
      Outcome out = handle(h, raw, inherited, encryptedBy);
      if (out == null) {
        return; // connection dropped
      }
      if (sealer == null) {
        sealer = out.sealer;
      }
      if (out.reply != null) {
        replies.add(out.reply);
      }
      chain = out.chain;
      if (h.nextCommand() == 0) {
        break;
      }
      offset = end;
    }
    if (!replies.isEmpty()) {
      send(replies, sealer);
    }
  }

  /**
   * What a related request inherits from the one before it ([MS-SMB2] 3.3.5.2.7.2): its session,
   * tree and FileId, and the status of a CREATE that failed earlier in the related chain (which a
   * later request naming the related FileId fails with).
   */
  record Chain(Session session, TreeConnect tree, Smb2FileId fileId, int createError) {
    static final Chain EMPTY = new Chain(null, null, null, NtStatus.STATUS_INVALID_PARAMETER);
  }

  /** The reply to one request and what a related request after it inherits. */
  private record Outcome(byte[] reply, Chain chain, Session sealer) {}

  private final Map<byte[], Session> signers = new java.util.IdentityHashMap<>();

  /**
   * Runs one request.
   *
   * @param rel what it inherits when it is flagged related, {@code null} when it is not
   */
  private Outcome handle(Smb2Header h, byte[] raw, Chain rel, Session encryptedBy) {
    Session relSession = rel == null ? null : rel.session();
    TreeConnect relTree = rel == null ? null : rel.tree();
    Smb2FileId relFileId = rel == null ? null : rel.fileId();
    int relError = rel == null ? NtStatus.STATUS_SUCCESS : rel.createError();
    Smb2Command cmd = Smb2Command.of(h.command());
    if (encryptedBy != null && !h.isRelated() && h.sessionId() != encryptedBy.id) {
      // [MS-SMB2] 3.3.5.2.1.1: the decrypted message must belong to the transform's session
      drop("a message encrypted for session " + encryptedBy.id + " names " + h.sessionId());
      return null;
    }
    if (cmd == Smb2Command.CANCEL) {
      return new Outcome(null, rel, null); // no reply
    }
    int charge = Math.max(1, h.creditCharge());
    if (!credits.consume(h.messageId(), charge)) {
      drop("message id " + h.messageId() + " (charge " + charge + ") was not granted");
      return null;
    }
    if (dialect == 0 && cmd != Smb2Command.NEGOTIATE) {
      drop("request before NEGOTIATE");
      return null;
    }
    long sessionId = relSession != null ? relSession.id : h.sessionId();
    Session session = sessions.get(sessionId);
    TreeConnect tree = null;
    Smb2Reply reply;
    DispatchTable.Entry entry = cmd == null ? null : server.table.get(cmd);
    try {
      if (cmd == null) {
        throw new SmbException(
            NtStatus.STATUS_INVALID_PARAMETER, "command " + h.command() + " does not exist");
      }
      if (entry == null) {
        throw new SmbException(NtStatus.STATUS_NOT_SUPPORTED, "command " + cmd + " is not served");
      }
      if (rel != null && relSession == null) {
        // [MS-SMB2] 3.3.5.2.7.2: a related request takes the previous request's session; a first
        // request flagged related, or one after a request that had no session, has none to take.
        throw new SmbException(
            NtStatus.STATUS_INVALID_PARAMETER, "related request without a session to inherit");
      }
      if (cmd != Smb2Command.NEGOTIATE && cmd != Smb2Command.SESSION_SETUP && session != null) {
        if (encryptedBy == null && session.encryptData) {
          // [MS-SMB2] 3.3.5.2.9: EncryptData with RejectUnencryptedAccess
          throw new SmbException(
              NtStatus.STATUS_ACCESS_DENIED, "unencrypted request on an encrypted session");
        }
        if (encryptedBy == null) {
          checkSignature(session, h, raw); // a decrypted message is authenticated by its tag
        }
      }
      if (entry.needs() != DispatchTable.Needs.NOTHING) {
        if (session == null || session.state != Session.State.VALID) {
          throw new SmbException(NtStatus.STATUS_USER_SESSION_DELETED, "no session " + sessionId);
        }
        if (entry.needs() == DispatchTable.Needs.TREE) {
          int treeId = relTree != null ? relTree.id() : h.treeId();
          tree = session.trees.get(treeId);
          if (tree == null) {
            throw new SmbException(NtStatus.STATUS_NETWORK_NAME_DELETED, "no tree " + treeId);
          }
        }
      }
      if (cmd == Smb2Command.SESSION_SETUP
          && session != null
          && session.state == Session.State.VALID) {
        checkSignature(session, h, raw);
      }
      int minCharge = chargeNeeded(cmd, raw);
      if (charge < minCharge && dialect != 0x0202) {
        throw new SmbException(
            NtStatus.STATUS_INVALID_PARAMETER,
            "CreditCharge " + h.creditCharge() + " < " + minCharge);
      }
      reply =
          entry.handler().handle(new Smb2Request(this, h, raw, session, tree, relFileId, relError));
    } catch (SmbException e) {
      LOG.debug("{} {} from {}: {}", cmd, h.messageId(), io.remote(), e.toString());
      reply = Smb2Reply.error(e.status());
    } catch (WireException e) {
      LOG.warn("{} from {}: malformed: {}", cmd, io.remote(), e.getMessage());
      reply = Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
    } catch (BackendException e) {
      int status = SmbStatus.of(e.status());
      switch (e.status().fault()) {
        case SERVER -> LOG.error("{} from {}: {}", cmd, io.remote(), e.getMessage(), e);
        case ENVIRONMENT, LOST_STATE ->
            LOG.info("{} from {}: {}", cmd, io.remote(), e.getMessage());
        case CLIENT -> LOG.debug("{} from {}: {}", cmd, io.remote(), e.getMessage());
      }
      reply = Smb2Reply.error(status);
    } catch (RuntimeException e) {
      LOG.error("{} from {} failed", cmd, io.remote(), e);
      reply = Smb2Reply.error(NtStatus.STATUS_INTERNAL_ERROR);
    }
    if (closed) {
      return null;
    }
    long replySession = reply.sessionId() != 0 ? reply.sessionId() : sessionId;
    Session after = sessions.get(replySession);
    int replyTree = reply.treeId() != 0 ? reply.treeId() : (tree != null ? tree.id() : h.treeId());
    int flags =
        Smb2Header.FLAGS_SERVER_TO_REDIR
            | (h.isRelated() ? Smb2Header.FLAGS_RELATED_OPERATIONS : 0);
    int granted = credits.grant(h.credits());
    Smb2Header rh =
        new Smb2Header(
            h.creditCharge(),
            reply.status(),
            h.command(),
            granted,
            flags,
            0,
            h.messageId(),
            0,
            replyTree,
            replySession,
            null);
    ByteWriter w = new ByteWriter(Smb2Header.SIZE + reply.body().length + 16);
    rh.encode(w);
    if (reply.body().length == 0 && reply.status() != NtStatus.STATUS_SUCCESS) {
      Smb2ErrorResponse.encode(w);
    } else {
      w.bytes(reply.body());
    }
    byte[] bytes = w.toByteArray();
    if (cmd == Smb2Command.NEGOTIATE && dialect == 0x0311) {
      preauthHash = Crypto.sha512(Crypto.sha512(new byte[64], raw), bytes);
    }
    if (cmd == Smb2Command.SESSION_SETUP
        && after != null
        && reply.status() == NtStatus.STATUS_MORE_PROCESSING_REQUIRED
        && after.preauthHash != null) {
      after.preauthHash = Crypto.sha512(after.preauthHash, bytes);
    }
    Session signer = null;
    // [MS-SMB2] 3.3.4.1.1: a LOGOFF response is signed with the session it just ended.
    Session signing = after != null ? after : (cmd == Smb2Command.LOGOFF ? session : null);
    if (signing != null && signing.signer != null && cmd != Smb2Command.NEGOTIATE) {
      boolean finalSetup =
          cmd == Smb2Command.SESSION_SETUP && reply.status() == NtStatus.STATUS_SUCCESS;
      if (h.isSigned() || signing.signingRequired || (finalSetup && dialect == 0x0311)) {
        signer = signing;
      }
    }
    if (signer != null) {
      signers.put(bytes, signer);
    }
    Session sealer = null;
    if (after != null
        && after.encryptData
        && after.encryption != null
        && cmd != Smb2Command.NEGOTIATE
        && cmd != Smb2Command.SESSION_SETUP) {
      sealer = after; // [MS-SMB2] 3.3.4.1.4: an EncryptData session's responses are encrypted
    }
    TreeConnect nextTree = tree;
    if (cmd == Smb2Command.TREE_CONNECT && after != null) {
      nextTree = after.trees.get(replyTree);
    }
    Smb2FileId fileId = reply.fileId() != null ? reply.fileId() : relFileId;
    int createError = relError;
    if (cmd == Smb2Command.CREATE) {
      createError = reply.status();
      if (NtStatus.isError(reply.status())) {
        fileId = null;
      }
    }
    return new Outcome(bytes, new Chain(after, nextTree, fileId, createError), sealer);
  }

  /** The credits a READ/WRITE/IOCTL/QUERY_DIRECTORY needs ([MS-SMB2] 3.3.5.2.5). */
  private static int chargeNeeded(Smb2Command cmd, byte[] raw) {
    try {
      ByteReader r = new ByteReader(raw);
      long size;
      switch (cmd) {
        case READ -> {
          r.seek(Smb2Header.SIZE + 4);
          size = r.u32();
        }
        case WRITE -> {
          r.seek(Smb2Header.SIZE + 4);
          size = r.u32();
        }
        default -> size = 0;
      }
      return size <= 65536 ? 1 : (int) ((size - 1) / 65536 + 1);
    } catch (WireException e) {
      return 1; // the handler reports the malformed body
    }
  }

  private void checkSignature(Session session, Smb2Header h, byte[] raw) throws SmbException {
    if (session.signer == null) {
      return;
    }
    if (h.isSigned()) {
      if (!session.signer.verify(raw, 0, raw.length)) {
        throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "bad signature");
      }
    } else if (session.signingRequired) {
      throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "unsigned request on a signed session");
    }
  }

  /**
   * Links compounded replies (8-byte aligned, NextCommand set), signs each, sends them as one; or,
   * when {@code sealer} is set, encrypts the whole chain with its keys instead of signing
   * ([MS-SMB2] 3.3.4.1.4: an encrypted message is not signed).
   */
  private void send(List<byte[]> replies, Session sealer) {
    ByteWriter all = new ByteWriter();
    for (int i = 0; i < replies.size(); i++) {
      byte[] r = replies.get(i);
      Session signer = signers.remove(r);
      boolean last = i == replies.size() - 1;
      byte[] part = r;
      if (!last) {
        int padded = (r.length + 7) & ~7;
        part = java.util.Arrays.copyOf(r, padded);
        new ByteWriterView(part).putI32(20, padded);
      }
      if (signer != null && sealer == null) {
        signer.signer.sign(part, 0, part.length);
      }
      all.bytes(part);
    }
    signers.clear();
    byte[] bytes = all.toByteArray();
    io.send(sealer == null ? bytes : sealer.encryption.encrypt(bytes, sealer.id));
  }

  /** Little helper: overwrite a 32-bit field in an array. */
  private record ByteWriterView(byte[] b) {
    void putI32(int at, int v) {
      b[at] = (byte) v;
      b[at + 1] = (byte) (v >>> 8);
      b[at + 2] = (byte) (v >>> 16);
      b[at + 3] = (byte) (v >>> 24);
    }
  }

  /** [MS-SMB2] 3.3.5.3.1: an SMB1 NEGOTIATE offering SMB2 gets an SMB2 NEGOTIATE response. */
  private void processSmb1(byte[] msg) {
    if (dialect != 0) {
      drop("SMB1 message after NEGOTIATE");
      return;
    }
    Smb1Negotiate.Offer offer;
    try {
      offer = Smb1Negotiate.parse(msg);
    } catch (WireException e) {
      drop(e.getMessage());
      return;
    }
    if (offer == Smb1Negotiate.Offer.NONE || !credits.consume(0, 1)) {
      drop("SMB1 NEGOTIATE without an SMB2 dialect");
      return;
    }
    int d = offer == Smb1Negotiate.Offer.WILDCARD ? 0x02FF : 0x0202;
    byte[] body = Smb2Negotiate.response(this, server, d, java.util.List.of());
    int granted = credits.grant(1);
    Smb2Header rh =
        new Smb2Header(0, 0, 0, granted, Smb2Header.FLAGS_SERVER_TO_REDIR, 0, 0, 0, 0, 0, null);
    ByteWriter w = new ByteWriter();
    rh.encode(w);
    w.bytes(body);
    dialect = d;
    io.send(w.toByteArray());
  }

  private void drop(String why) {
    LOG.warn("closing connection from {}: {}", io.remote(), why);
    close();
  }

  /** Releases every open (honouring delete-on-close) once the connection is gone. */
  private void releaseAll() {
    for (Open o : new ArrayList<>(opens.values())) {
      Session s = sessions.get(o.sessionId);
      Smb2Close.release(server, this, s == null ? null : s.caller, o);
    }
    opens.clear();
    sessions.clear();
  }
}
