package org.ferryfs.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;

/**
 * Decodes one XDR type from a stream.
 *
 * <p>Contract shared by every decoder in this module: a malformed encoding (too few bytes, a length
 * beyond the type's limit, an enum value outside its range) throws an {@link IOException} — which a
 * server answers with GARBAGE_ARGS — and a well-formed value that breaks one of our rules (a name
 * too long, a name with {@code /}) throws {@link org.ferryfs.backend.BackendException}, which a
 * server answers with the procedure's status. Nothing is allocated before a length has been checked
 * against its limit.
 *
 * @param <T> the decoded type
 */
@FunctionalInterface
public interface XdrDecoder<T> {
  T decode(XdrDecodingStream in) throws IOException;
}
