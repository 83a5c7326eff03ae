package dev.veles.jdbc.remote;

import java.io.IOException;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.remote.ProtobufService;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;

/**
 * Avatica's protobuf service over a {@link ServerLink}: what Avatica's {@code
 * RemoteProtobufService} does, with each request sent according to its type.
 *
 * <p>Thread-safe.
 */
final class ProtobufCalls extends ProtobufService implements LinkedService {
  private final ServerLink link;
  private final ProtobufTranslation translation = new ProtobufTranslationImpl();

  ProtobufCalls(ServerLink link) {
    this.link = link;
  }

  @Override
  public ServerLink link() {
    return link;
  }

  @Override
  public Response _apply(Request request) {
    return call(request, -1);
  }

  @Override
  public void ping(String connectionId, int timeoutMs) {
    call(new ConnectionSyncRequest(connectionId, new ConnectionPropertiesImpl()), timeoutMs);
  }

  private Response call(Request request, int timeoutMs) {
    byte[] body;
    try {
      body = translation.serializeRequest(request);
    } catch (IOException e) {
      throw new RemoteFailure(RemoteSqlState.INTERNAL_ERROR, "cannot encode " + request, e);
    }
    byte[] reply = link.call(request, body, timeoutMs);
    if (reply == null) {
      return request instanceof CloseStatementRequest
          ? new CloseStatementResponse()
          : new CloseConnectionResponse();
    }
    Response response;
    try {
      response = translation.parseResponse(reply);
    } catch (IOException e) {
      RemoteFailure f =
          new RemoteFailure(
              RemoteSqlState.CONNECTION_FAILURE,
              "the server's reply is not Avatica protobuf (is the server's serialization json?)",
              e);
      link.markBroken(f);
      throw f;
    }
    if (response instanceof ErrorResponse error) {
      if (request instanceof OpenConnectionRequest) {
        link.close(); // the connection is not made: nobody else will close the sockets
      }
      throw error.toException();
    }
    return response;
  }
}
