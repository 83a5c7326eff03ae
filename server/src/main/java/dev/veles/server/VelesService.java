package dev.veles.server;

import dev.veles.calcite.CalciteErrors;
import dev.veles.calcite.SqlState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.LocalService;

/**
 * The server's Avatica service: the stock one, except that failures keep their SQLSTATE and an
 * execute request sent without the statement's signature gets a response without it too.
 *
 * <p>SQLSTATE: {@code JdbcMeta} wraps each {@link SQLException} in a plain {@code
 * RuntimeException}, and Avatica's handlers copy the error code and SQLSTATE only of an {@link
 * AvaticaRuntimeException} into the error response, so a remote client would see SQLSTATE {@code
 * 00000} for a duplicate id. Every request here rethrows such a failure as an {@link
 * AvaticaRuntimeException} with the state, code and message of the outermost {@link SQLException}
 * in its causes that has a state. Other failures (no such statement or connection, to which the
 * client reacts) pass unchanged.
 *
 * <p>Signatures: Avatica's protocol repeats a prepared statement's full signature (its columns,
 * parameters and SQL) in every execute request and response, although both sides have it from the
 * prepare step. For a k-NN query that is a large part of the bytes encoded and decoded per
 * execution. The Veles driver ({@code jdbc:veles:url=}) omits it from its requests and restores it
 * on its side; stock clients send it and get it back as before. Signatures with array columns are
 * still returned: reading the first row refines an array's component type, which the client's copy
 * lacks.
 *
 * <p>Thread-safe as {@link LocalService} is.
 */
final class VelesService extends LocalService {
  private final Meta meta;

  VelesService(Meta meta) {
    super(meta);
    this.meta = meta;
  }

  @Override
  public ExecuteResponse apply(ExecuteRequest request) {
    if (request.statementHandle == null) {
      throw malformed("an execute request needs a statement handle");
    }
    boolean bare = request.statementHandle.signature == null;
    ExecuteResponse response =
        stated(request.statementHandle.connectionId, () -> super.apply(request));
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

  @Override
  public ResultSetResponse apply(CatalogsRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public ResultSetResponse apply(SchemasRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public ResultSetResponse apply(TablesRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public ResultSetResponse apply(TableTypesRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public ResultSetResponse apply(TypeInfoRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public ResultSetResponse apply(ColumnsRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public PrepareResponse apply(PrepareRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public ExecuteResponse apply(PrepareAndExecuteRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public FetchResponse apply(FetchRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public CreateStatementResponse apply(CreateStatementRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public CloseStatementResponse apply(CloseStatementRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public OpenConnectionResponse apply(OpenConnectionRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public CloseConnectionResponse apply(CloseConnectionRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public ConnectionSyncResponse apply(ConnectionSyncRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public DatabasePropertyResponse apply(DatabasePropertyRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public SyncResultsResponse apply(SyncResultsRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public CommitResponse apply(CommitRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public RollbackResponse apply(RollbackRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public ExecuteBatchResponse apply(PrepareAndExecuteBatchRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  @Override
  public ExecuteBatchResponse apply(ExecuteBatchRequest request) {
    return stated(request.connectionId, () -> super.apply(request));
  }

  /**
   * Refuses a request without a connection id as a protocol violation (08P01): Avatica would fail
   * on it with a NullPointerException, an internal error.
   */
  private static void requireConnection(String connectionId) {
    if (connectionId == null) {
      throw malformed("the request has no connection id");
    }
  }

  private static AvaticaRuntimeException malformed(String why) {
    return new AvaticaRuntimeException(
        "malformed request: " + why, 0, ErrorReplies.PROTOCOL_VIOLATION, AvaticaSeverity.ERROR);
  }

  /**
   * Runs one request of connection {@code connectionId}, rethrowing a failure with a SQLSTATE as
   * Avatica reports one. The idle timeout counts from the end of a connection's last request of any
   * kind, and not while one runs ({@link VelesMeta#requestStarted}).
   */
  private <T> T stated(String connectionId, Supplier<T> request) {
    requireConnection(connectionId);
    VelesMeta busy = meta instanceof VelesMeta m ? m : null;
    if (busy != null) {
      busy.requestStarted(connectionId);
    }
    try {
      return request.get();
    } catch (AvaticaRuntimeException e) {
      throw e;
    } catch (RuntimeException | ExceptionInInitializerError e) {
      Throwable constant = initializerCause(e);
      if (constant != null) {
        throw new AvaticaRuntimeException(
            CalciteErrors.constantReason(constant),
            0,
            SqlState.of(constant).code(),
            AvaticaSeverity.ERROR);
      }
      if (e instanceof ExceptionInInitializerError error) {
        throw error;
      }
      SQLException sql = withState(e);
      if (sql == null) {
        throw e;
      }
      throw new AvaticaRuntimeException(
          reason(sql), sql.getErrorCode(), sql.getSQLState(), AvaticaSeverity.ERROR);
    } finally {
      if (busy != null) {
        busy.requestEnded(connectionId);
      }
    }
  }

  /**
   * The message a client gets for {@code sql}: the reason first, as the embedded driver words it
   * ({@link CalciteErrors#message}), never Calcite's {@code Error while executing SQL "<the whole
   * statement>": } wrapper (the stock client adds its own copy of that prefix); else the cause
   * under that wrapper (an {@link SQLException} without a state), else the message as it is.
   */
  static String reason(SQLException sql) {
    String reason = CalciteErrors.message(sql);
    if (reason != null) {
      return reason;
    }
    if (sql.getCause() instanceof SQLException wrapper
        && wrapper.getSQLState() == null
        && wrapper.getCause() != null
        && wrapper.getCause().getMessage() != null) {
      return wrapper.getCause().getMessage();
    }
    return sql.getMessage();
  }

  /**
   * The cause of an {@link ExceptionInInitializerError} in {@code t}'s chain, or null: Calcite
   * evaluates a statement's constant expressions in the static initializer of its generated class,
   * so a bad constant ({@code CAST('a' AS BIGINT)}) fails as that error, which is the user's
   * mistake, not an internal one.
   */
  static Throwable initializerCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof ExceptionInInitializerError e && e.getCause() != null) {
        return e.getCause();
      }
    }
    return null;
  }

  /** The first SQLException in the cause chain with a SQLSTATE, or null. */
  static SQLException withState(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && sql.getSQLState() != null) {
        return sql;
      }
    }
    return null;
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
