package org.ferryfs.nfs.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.testing.RawRpc;
import org.ferryfs.nfs.xdr.Empty;
import org.ferryfs.nfs.xdr.XdrType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-connection in-flight limit on a real server: with 200 pipelined calls that block, only
 * {@code maxInFlight} run at once, other connections are still served, and every call is answered
 * once the blocked ones finish.
 */
@Timeout(60)
class BackpressureTest {

  private static final int PROGRAM = 400_123;
  private static final int MAX_IN_FLIGHT = 4;
  private static final int CALLS = 200;

  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch allSlotsBusy = new CountDownLatch(MAX_IN_FLIGHT);
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();

  @Test
  void onlyMaxInFlightCallsRunPerConnection() throws Exception {
    RpcServerConfig config =
        RpcServerConfig.of(InetAddress.getLoopbackAddress(), 0).withMaxInFlight(MAX_IN_FLIGHT);
    try (RpcServer server = new RpcServer("test-rpc", config, ProgramTable.of(new Blocking()))) {
      server.start();
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
      try (RawRpc.Connection busy = new RawRpc.Connection(address);
          RawRpc.Connection other = new RawRpc.Connection(address)) {
        RawRpc.Bytes all = new RawRpc.Bytes();
        for (int i = 0; i < CALLS; i++) {
          all.raw(RawRpc.record(RawRpc.call(i, PROGRAM, 1, 1, new byte[0])));
        }
        busy.send(all.toByteArray());

        assertThat(allSlotsBusy.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(running.get()).isEqualTo(MAX_IN_FLIGHT);

        // Another connection has its own slots.
        other.sendRecord(RawRpc.call(9999, PROGRAM, 1, 0, new byte[0]));
        assertThat(other.readReply(Duration.ofSeconds(10)).xid()).isEqualTo(9999);

        release.countDown();
        Set<Integer> answered = new HashSet<>();
        for (int i = 0; i < CALLS; i++) {
          RawRpc.Reply r = busy.readReply(Duration.ofSeconds(10));
          assertThat(r.acceptStat()).isZero();
          answered.add(r.xid());
        }
        assertThat(answered).hasSize(CALLS);
        assertThat(maxRunning.get()).isEqualTo(MAX_IN_FLIGHT);
      }
    }
  }

  /** Program 400123 v1: 0 returns at once, 1 blocks until released. */
  private final class Blocking implements RpcProgram {
    @Override
    public int number() {
      return PROGRAM;
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public String name() {
      return "BLOCKING";
    }

    @Override
    public RpcProcedure<?> procedure(int procedure) {
      return procedure > 1 ? null : new Proc(procedure == 1);
    }

    private final class Proc implements RpcProcedure<Empty> {
      private final boolean block;

      Proc(boolean block) {
        this.block = block;
      }

      @Override
      public String name() {
        return block ? "BLOCK" : "NULL";
      }

      @Override
      public Empty decode(XdrDecodingStream in) throws IOException {
        return Empty.INSTANCE;
      }

      @Override
      public XdrType execute(RpcCallContext context, Empty args) {
        if (!block) {
          return Empty.INSTANCE;
        }
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        allSlotsBusy.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          running.decrementAndGet();
        }
        return Empty.INSTANCE;
      }

      @Override
      public XdrType failure(BackendStatus status) {
        return null;
      }
    }
  }
}
