package dev.veles.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Tells {@link ConnectionAdmission} who opens which connection and from where: for a request that
 * is an {@code openConnection}, the connection id is expected with the client's address and the
 * authenticated user's role while the request runs. An authenticated user without a role gets 403.
 *
 * <p>Only a prefix of each body is inspected ({@link #PREFIX} bytes); an {@code openConnection}
 * request is small and read whole. A request that hides its type past the prefix is not recognised
 * and its connection counts under the address "unknown" and gets read access (the fail-closed
 * default), so dodging the check can only lower a client's rights. The body is handed on unchanged.
 *
 * <p>Thread-safe.
 */
final class OpenConnectionPeek extends HandlerWrapper {
  static final int PREFIX = 4096;
  private static final String OPEN_PROTOBUF =
      "org.apache.calcite.avatica.proto.Requests$OpenConnectionRequest";

  private final ConnectionAdmission roles;
  private final Serialization serialization;

  OpenConnectionPeek(ConnectionAdmission roles, Serialization serialization) {
    this.roles = roles;
    this.serialization = serialization;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    UserFile.User user = (UserFile.User) request.getAttribute(HttpAuthentication.USER);
    if (!"POST".equals(request.getMethod())) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    if (user != null && user.role() == null) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("text/plain;charset=utf-8");
      response
          .getOutputStream()
          .write(
              ("user "
                      + user.name()
                      + " has no role: give it read, write or admin in the user file")
                  .getBytes(StandardCharsets.UTF_8));
      baseRequest.setHandled(true);
      return;
    }
    InputStream in = request.getInputStream();
    byte[] prefix = in.readNBytes(PREFIX);
    String connectionId = null;
    if (mayBeOpen(prefix)) {
      byte[] rest = in.readNBytes(PREFIX * 4);
      byte[] whole = concat(prefix, rest);
      connectionId = openedConnection(whole);
      prefix = whole;
    }
    if (connectionId != null) {
      roles.expect(connectionId, user == null ? null : user.role(), request.getRemoteAddr());
    }
    try {
      super.handle(target, baseRequest, new Replayed(request, prefix, in), response);
    } finally {
      if (connectionId != null) {
        roles.forget(connectionId);
      }
    }
  }

  private boolean mayBeOpen(byte[] prefix) {
    String head = new String(prefix, StandardCharsets.ISO_8859_1);
    return head.contains(
        serialization == Serialization.PROTOBUF ? OPEN_PROTOBUF : "openConnection");
  }

  /** The connection id of an openConnection request, or null if it is not one. */
  private String openedConnection(byte[] body) {
    try {
      Service.Request r =
          serialization == Serialization.PROTOBUF
              ? new ProtobufTranslationImpl().parseRequest(body)
              : JsonService.MAPPER.readValue(
                  new String(body, StandardCharsets.UTF_8), Service.Request.class);
      return r instanceof Service.OpenConnectionRequest open ? open.connectionId : null;
    } catch (IOException | RuntimeException e) {
      return null; // Avatica will answer the malformed request itself
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The request with the bytes already read put back in front of the rest of the body. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final InputStream body;

    Replayed(HttpServletRequest request, byte[] head, InputStream rest) {
      super(request);
      this.body = new SequenceInputStream(new ByteArrayInputStream(head), rest);
    }

    @Override
    public ServletInputStream getInputStream() {
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return body.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return body.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return false;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }
  }
}
