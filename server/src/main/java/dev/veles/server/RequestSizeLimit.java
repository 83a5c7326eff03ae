package dev.veles.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.metrics.MetricsSystem;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.MetricsAwareAvaticaHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Refuses request bodies larger than a limit with HTTP 413, and admits the others into the server's
 * decoding {@link MemoryBudget}, in front of Avatica's handler.
 *
 * <p>Budget: decoding a body into Avatica's request objects costs a multiple of its size ({@link
 * #DECODED_PER_BYTE}); a request reserves that much before its body is read and returns it when its
 * reply is written, so concurrent large requests queue (or get 53200 after waiting, 54000 if one
 * alone is larger than the budget, as an Avatica error reply) instead of exhausting the heap
 * together. A chunked body reserves as it arrives, a megabyte at a time.
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
  /**
   * Heap bytes that decoding costs per body byte, at most: a 62 MB protobuf execute request with 7
   * million parameter values raised a server's used heap from 225 MB to 867 MB (about 10 times),
   * measured; 12 leaves a margin.
   */
  static final int DECODED_PER_BYTE = 12;

  private static final int CHUNK = 1 << 20;

  private final long maxBytes;
  private final MetricsAwareAvaticaHandler avatica;
  private final MemoryBudget budget;
  private final Serialization serialization;

  /**
   * @param avatica Avatica's handler (JSON or protobuf), started and stopped with this one
   * @param maxBytes the largest body accepted, in bytes
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public RequestSizeLimit(MetricsAwareAvaticaHandler avatica, long maxBytes) {
    this(
        avatica,
        maxBytes,
        new MemoryBudget("request decoding", Long.MAX_VALUE, 0),
        Serialization.PROTOBUF);
  }

  RequestSizeLimit(
      MetricsAwareAvaticaHandler avatica,
      long maxBytes,
      MemoryBudget budget,
      Serialization serialization) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("max request bytes must be positive: " + maxBytes);
    }
    this.avatica = avatica;
    this.maxBytes = maxBytes;
    this.budget = budget;
    this.serialization = serialization;
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
    if (!"POST".equals(request.getMethod())) {
      super.handle(target, baseRequest, request, response);
      return;
    }
    List<MemoryBudget.Reservation> held = new ArrayList<>();
    try {
      if (declared >= 0) {
        held.add(
            budget.reserve(
                declared * DECODED_PER_BYTE, "a request body of " + (declared >> 10) + " KB"));
        super.handle(target, baseRequest, request, response);
        return;
      }
      byte[] body = readAtMost(request.getInputStream(), maxBytes, held);
      if (body == null) {
        refuse(baseRequest, response, -1);
        return;
      }
      super.handle(target, baseRequest, new BufferedBody(request, body), response);
    } catch (AvaticaRuntimeException e) {
      if (response.isCommitted()) {
        throw e;
      }
      errorReply(baseRequest, response, e);
    } finally {
      held.forEach(MemoryBudget.Reservation::close);
    }
  }

  /** Answers a refused reservation as Avatica answers a failed request, with its SQLSTATE. */
  private void errorReply(
      Request baseRequest, HttpServletResponse response, AvaticaRuntimeException e)
      throws IOException {
    ErrorResponse error =
        new ErrorResponse(
            List.of(e.getErrorMessage()),
            e.getErrorMessage(),
            e.getErrorCode(),
            e.getSqlState(),
            e.getSeverity(),
            null);
    response.reset();
    response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    if (serialization == Serialization.PROTOBUF) {
      response.setContentType("application/octet-stream");
      response.getOutputStream().write(new ProtobufTranslationImpl().serializeResponse(error));
    } else {
      response.setContentType("application/json;charset=utf-8");
      response.getOutputStream().write(JsonService.MAPPER.writeValueAsBytes(error));
    }
    baseRequest.setHandled(true);
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

  /**
   * Returns the stream's bytes, or null if there are more than {@code max}; reserves their decoding
   * cost a megabyte at a time into {@code held}.
   */
  private byte[] readAtMost(InputStream in, long max, List<MemoryBudget.Reservation> held)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long total = 0;
    long reserved = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > max) {
        return null;
      }
      if (total > reserved) {
        held.add(
            budget.reserve(
                (long) CHUNK * DECODED_PER_BYTE,
                "a chunked request body of more than " + (reserved >> 10) + " KB"));
        reserved += CHUNK;
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
