package dev.veles.server;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.LocalService;

/**
 * The server's Avatica service: the stock one, except that an execute request sent without the
 * statement's signature gets a response without it too.
 *
 * <p>Avatica's protocol repeats a prepared statement's full signature (its columns, parameters and
 * SQL) in every execute request and response, although both sides have it from the prepare step.
 * For a k-NN query that is a large part of the bytes encoded and decoded per execution. The Veles
 * driver ({@code jdbc:veles:url=}) omits it from its requests and restores it on its side; stock
 * clients send it and get it back as before. Signatures with array columns are still returned:
 * reading the first row refines an array's component type, which the client's copy lacks.
 *
 * <p>Thread-safe as {@link LocalService} is.
 */
final class VelesService extends LocalService {
  VelesService(Meta meta) {
    super(meta);
  }

  @Override
  public ExecuteResponse apply(ExecuteRequest request) {
    boolean bare = request.statementHandle != null && request.statementHandle.signature == null;
    ExecuteResponse response = super.apply(request);
    if (!bare || response.results == null) {
      return response;
    }
    List<ResultSetResponse> results = new ArrayList<>(response.results.size());
    for (ResultSetResponse r : response.results) {
      results.add(
          r.signature == null || hasArrays(r.signature)
              ? r
              : new ResultSetResponse(
                  r.connectionId,
                  r.statementId,
                  r.ownStatement,
                  null,
                  r.firstFrame,
                  r.updateCount,
                  r.rpcMetadata));
    }
    return new ExecuteResponse(results, response.missingStatement, response.rpcMetadata);
  }

  private static boolean hasArrays(Meta.Signature signature) {
    if (signature.columns != null) {
      for (ColumnMetaData c : signature.columns) {
        if (!(c.type instanceof ColumnMetaData.ScalarType)) {
          return true;
        }
      }
    }
    return false;
  }
}
