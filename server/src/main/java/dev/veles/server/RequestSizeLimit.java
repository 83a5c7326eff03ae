package dev.veles.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.metrics.MetricsSystem;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.MetricsAwareAvaticaHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Refuses request bodies larger than a limit with HTTP 413, in front of Avatica's handler.
 *
 * <p>Avatica reads each request body fully into memory before decoding it, so without a cap one
 * client can exhaust the heap. A declared {@code Content-Length} above the limit is refused without
 * reading the body; a chunked body is read up to the limit plus one byte and refused if it goes
 * past it (then the buffered bytes are handed to Avatica, so memory stays bounded by the limit per
 * request). It sits inside Jetty's security handler: unauthenticated requests get 401 first.
 *
 * <p>Thread-safe: holds only the limit and the wrapped handler.
 */
public final class RequestSizeLimit extends HandlerWrapper implements MetricsAwareAvaticaHandler {
  private final long maxBytes;
  private final MetricsAwareAvaticaHandler avatica;

  /**
   * @param avatica Avatica's handler (JSON or protobuf), started and stopped with this one
   * @param maxBytes the largest body accepted, in bytes
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public RequestSizeLimit(MetricsAwareAvaticaHandler avatica, long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("max request bytes must be positive: " + maxBytes);
    }
    this.avatica = avatica;
    this.maxBytes = maxBytes;
    setHandler(avatica);
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuse(baseRequest, response, declared);
      return;
    }
    if (declared >= 0 || !"POST".equals(request.getMethod())) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), maxBytes);
    if (body == null) {
      refuse(baseRequest, response, -1);
      return;
    }
    super.handle(target, baseRequest, new BufferedBody(request, body), response);
  }

  private void refuse(Request baseRequest, HttpServletResponse response, long declared)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setHeader("Connection", "close");
    response.setContentType("text/plain;charset=utf-8");
    String size = declared >= 0 ? declared + " bytes" : "more than " + maxBytes + " bytes";
    response
        .getOutputStream()
        .write(
            ("request body of "
                    + size
                    + " exceeds the server's limit of "
                    + maxBytes
                    + " bytes (veles server --max-request-bytes)")
                .getBytes(StandardCharsets.UTF_8));
    baseRequest.setHandled(true);
  }

  /** Returns the stream's bytes, or null if there are more than {@code max}. */
  static byte[] readAtMost(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  @Override
  public void setServerRpcMetadata(RpcMetadataResponse metadata) {
    avatica.setServerRpcMetadata(metadata);
  }

  @Override
  public MetricsSystem getMetrics() {
    return avatica.getMetrics();
  }

  /** Exposes the wrapped Avatica handler (for tests). */
  AvaticaHandler avatica() {
    return avatica;
  }

  /** A request whose body was already read into memory. */
  private static final class BufferedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
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

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
