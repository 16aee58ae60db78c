package org.ferryfs.nfs.v3;

import static org.assertj.core.api.Assertions.assertThat;

import org.ferryfs.nfs.handle.HandleCodec;
import org.ferryfs.nfs.rpc.RpcProcedure;
import org.ferryfs.nfs.testing.InMemoryFileService;
import org.junit.jupiter.api.Test;

/**
 * Procedures declared INLINE may run on a selector thread only while every backend is local: a call
 * that can hang on a network backend must never stall the selector.
 */
class Nfs3ProgramInlineTest {

  @Test
  void inlineOnlyWhileEveryBackendIsLocal() {
    InMemoryFileService files = new InMemoryFileService();
    Nfs3Program program =
        new Nfs3Program(new Nfs3Context(files, new HandleCodec(files.handleSecret())));
    RpcProcedure<?> getattr = program.procedure(1);
    RpcProcedure<?> commit = program.procedure(21);
    assertThat(getattr.serviceTime()).isNotNull();
    assertThat(commit.serviceTime()).as("COMMIT is never inline").isNull();
    files.setCallsAreLocal(false);
    assertThat(getattr.serviceTime()).isNull();
    files.setCallsAreLocal(true);
    assertThat(getattr.serviceTime()).isNotNull();
  }
}
