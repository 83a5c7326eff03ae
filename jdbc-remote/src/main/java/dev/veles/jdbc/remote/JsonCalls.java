package dev.veles.jdbc.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's JSON service over a {@link ServerLink}. Avatica's {@link JsonService} hands its
 * transport only the encoded text, so each request gets its own small {@link Call} that knows the
 * request it carries; the JSON encoding and Avatica's repairs of the decoded reply stay Avatica's.
 *
 * <p>Thread-safe.
 */
final class JsonCalls implements LinkedService {
  private final ServerLink link;

  JsonCalls(ServerLink link) {
    this.link = link;
  }

  @Override
  public ServerLink link() {
    return link;
  }

  @Override
  public void ping(String connectionId, int timeoutMs) {
    ConnectionSyncRequest request =
        new ConnectionSyncRequest(connectionId, new ConnectionPropertiesImpl());
    new Call(request, timeoutMs).apply(request);
  }

  @Override
  public void setRpcMetadata(RpcMetadataResponse metadata) {
    // Server-side metadata; a client has none to set.
  }

  @Override
  public ResultSetResponse apply(CatalogsRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public ResultSetResponse apply(SchemasRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public ResultSetResponse apply(TablesRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public ResultSetResponse apply(TableTypesRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public ResultSetResponse apply(TypeInfoRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public ResultSetResponse apply(ColumnsRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public PrepareResponse apply(PrepareRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public ExecuteResponse apply(ExecuteRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public ExecuteResponse apply(PrepareAndExecuteRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public SyncResultsResponse apply(SyncResultsRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public FetchResponse apply(FetchRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public CreateStatementResponse apply(CreateStatementRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public CloseStatementResponse apply(CloseStatementRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public OpenConnectionResponse apply(OpenConnectionRequest request) {
    try {
      return new Call(request, -1).apply(request);
    } catch (RuntimeException e) {
      link.close(); // the connection is not made: nobody else will close the sockets
      throw e;
    }
  }

  @Override
  public CloseConnectionResponse apply(CloseConnectionRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public ConnectionSyncResponse apply(ConnectionSyncRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public DatabasePropertyResponse apply(DatabasePropertyRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public CommitResponse apply(CommitRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public RollbackResponse apply(RollbackRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public ExecuteBatchResponse apply(PrepareAndExecuteBatchRequest request) {
    return new Call(request, -1).apply(request);
  }

  @Override
  public ExecuteBatchResponse apply(ExecuteBatchRequest request) {
    return new Call(request, -1).apply(request);
  }

  /** One request's exchange: Avatica encodes and decodes, the link sends. */
  private final class Call extends JsonService {
    private final Service.Request request;
    private final int timeoutMs;

    Call(Service.Request request, int timeoutMs) {
      this.request = request;
      this.timeoutMs = timeoutMs;
    }

    @Override
    public String apply(String json) {
      byte[] reply = link.call(request, json.getBytes(StandardCharsets.UTF_8), timeoutMs);
      if (reply != null) {
        return new String(reply, StandardCharsets.UTF_8);
      }
      try {
        return encode(
            request instanceof CloseStatementRequest
                ? new CloseStatementResponse()
                : new CloseConnectionResponse());
      } catch (IOException e) {
        throw new RemoteFailure(RemoteSqlState.INTERNAL_ERROR, "cannot encode a reply", e);
      }
    }
  }
}
