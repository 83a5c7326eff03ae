package dev.veles.jdbc.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.junit.jupiter.api.Test;

/**
 * The client half of signature-less execution ({@link LeanExecuteMeta}): the request leaves without
 * the signature, and the result set gets the client's copy back unless the server sent one.
 */
class LeanExecuteMetaTest {
  private static final Meta.Signature SIGNATURE =
      Meta.Signature.create(
          List.of(
              ColumnMetaData.dummy(
                  ColumnMetaData.scalar(java.sql.Types.BIGINT, "BIGINT", ColumnMetaData.Rep.LONG),
                  false)),
          "SELECT id FROM t",
          List.of(),
          Meta.CursorFactory.LIST,
          Meta.StatementType.SELECT);

  private final List<Meta.StatementHandle> sent = new ArrayList<>();

  /** A remote meta whose execute answers with {@code answer(signature sent)}. */
  private Meta remote(Meta.MetaResultSet answer) {
    return (Meta)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Meta.class},
            (proxy, method, args) -> {
              if (method.getName().equals("execute")) {
                sent.add((Meta.StatementHandle) args[0]);
                return new Meta.ExecuteResult(List.of(answer));
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void theSignatureStaysHomeAndComesBackInTheResult() throws Exception {
    Meta.Frame frame = Meta.Frame.create(0, true, List.of(new Object[] {7L}));
    // What Avatica's client makes of a response without a signature: one with no columns.
    Meta.Signature empty =
        Meta.Signature.create(
            List.of(), "?", List.of(), Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
    Meta lean = new LeanExecuteMeta(remote(Meta.MetaResultSet.create("c", 3, true, empty, frame)));
    Meta.StatementHandle h = new Meta.StatementHandle("c", 3, SIGNATURE);
    Meta.ExecuteResult r = lean.execute(h, List.of(), 100);
    assertNull(sent.get(0).signature);
    assertEquals(3, sent.get(0).id);
    assertSame(SIGNATURE, r.resultSets.get(0).signature);
    assertSame(frame, r.resultSets.get(0).firstFrame);
    assertSame(SIGNATURE, h.signature, "the statement keeps its signature");
  }

  @Test
  void aSignatureTheServerSentAndUpdateCountsAreKept() throws Exception {
    Meta.Signature refined =
        Meta.Signature.create(
            SIGNATURE.columns, "x", List.of(), Meta.CursorFactory.LIST, Meta.StatementType.SELECT);
    Meta.StatementHandle h = new Meta.StatementHandle("c", 4, SIGNATURE);
    Meta.ExecuteResult r =
        new LeanExecuteMeta(
                remote(Meta.MetaResultSet.create("c", 4, true, refined, Meta.Frame.EMPTY)))
            .execute(h, List.of(), 100);
    assertSame(refined, r.resultSets.get(0).signature);
    Meta.ExecuteResult count =
        new LeanExecuteMeta(remote(Meta.MetaResultSet.count("c", 4, 5))).execute(h, List.of(), 100);
    assertEquals(5, count.resultSets.get(0).updateCount);
    assertNull(count.resultSets.get(0).signature);
  }
}
