package dev.veles.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Serves the Veles driver's cancel requests, which Avatica's protocol lacks: a POST with content
 * type {@value #CONTENT_TYPE} and the body {@code connectionId\nstatementId} cancels what that
 * statement is running ({@link VelesMeta#cancel}); the reply is 200 with {@code canceled} or {@code
 * no such statement}. Any other request passes on. It sits behind authentication, and a connection
 * id is a random UUID known only to its client, so nobody cancels another's statements.
 *
 * <p>Thread-safe: holds only the meta.
 */
final class CancelRequests extends HandlerWrapper {
  /** The content type that marks a cancel request. */
  static final String CONTENT_TYPE = "application/x-veles-cancel";

  private static final int MAX_BODY = 1024;

  private final VelesMeta meta;

  CancelRequests(VelesMeta meta) {
    this.meta = meta;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (!"POST".equals(request.getMethod()) || !CONTENT_TYPE.equals(request.getContentType())) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    String[] parts = new String(body, StandardCharsets.UTF_8).split("\n");
    int status = HttpServletResponse.SC_OK;
    String reply;
    if (body.length > MAX_BODY || parts.length != 2) {
      status = HttpServletResponse.SC_BAD_REQUEST;
      reply = "a cancel request is 'connectionId\\nstatementId'";
    } else {
      try {
        reply =
            meta.cancel(parts[0], Integer.parseInt(parts[1].trim()))
                ? "canceled"
                : "no such statement";
      } catch (NumberFormatException e) {
        status = HttpServletResponse.SC_BAD_REQUEST;
        reply = "statement id is not a number: " + parts[1];
      }
    }
    response.setStatus(status);
    response.setContentType("text/plain;charset=utf-8");
    response.getOutputStream().write(reply.getBytes(StandardCharsets.UTF_8));
    baseRequest.setHandled(true);
  }
}
