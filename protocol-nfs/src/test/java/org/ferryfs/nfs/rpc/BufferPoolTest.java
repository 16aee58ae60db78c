package org.ferryfs.nfs.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool's bounds and the leases' reference counts. */
class BufferPoolTest {

  @Test
  void buffersAreReusedAndBounded() {
    BufferPool pool = new BufferPool(128, 2, 3);
    Lease a = pool.acquire();
    assertThat(a.buffer().isDirect()).isTrue();
    assertThat(a.buffer().capacity()).isEqualTo(128);
    a.release();
    Lease b = pool.acquire();
    assertThat(b.buffer()).isSameAs(a.buffer());

    List<Lease> more = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      more.add(pool.acquire());
    }
    // Three direct buffers at most; the rest come from the heap.
    assertThat(pool.direct()).isEqualTo(3);
    assertThat(more.get(3).buffer().isDirect()).isFalse();
    assertThat(pool.leased()).isEqualTo(5);
    b.release();
    more.forEach(Lease::release);
    assertThat(pool.leased()).isZero();
    // At most two wait in the pool; the third direct one is dropped.
    assertThat(pool.idle()).isEqualTo(2);
    assertThat(pool.direct()).isEqualTo(2);
  }

  @Test
  void aBufferReturnsWithItsLastReference() {
    BufferPool pool = new BufferPool(64, 4, 4);
    Lease l = pool.acquire();
    l.retain();
    l.release();
    assertThat(pool.idle()).isZero();
    l.release();
    assertThat(pool.idle()).isEqualTo(1);
    assertThatThrownBy(l::release).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(l::retain).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aReusedBufferIsCleared() {
    BufferPool pool = new BufferPool(64, 4, 4);
    Lease l = pool.acquire();
    l.buffer().position(10).limit(20);
    l.release();
    Lease again = pool.acquire();
    assertThat(again.buffer().position()).isZero();
    assertThat(again.buffer().limit()).isEqualTo(64);
    again.release();
  }
}
