package dev.veles.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.metrics.MetricsSystem;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.apache.calcite.avatica.remote.Service.Response;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.apache.calcite.avatica.server.MetricsAwareAvaticaHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the Java stack traces out of Avatica's error replies: a client gets the message, SQLSTATE,
 * error code and severity; the server's log gets the stack.
 *
 * <p>Avatica builds every error reply (HTTP 500) with the full stack trace of the exception, its
 * causes included, in the reply's {@code exceptions} list, before any hook of ours sees it. That
 * list keeps one entry, the message itself: the stock client reports some failures (a failed
 * prepare) with only its own text plus that list, so an empty list would lose the reason. This
 * handler buffers a reply whose status is 500 (error replies are small; successful ones stream
 * through untouched), decodes it, logs the stack and writes the reply again without it. An error
 * without a SQLSTATE gets XX000 ("internal error"), so no client sees a null or 00000 state, except
 * a body that could not be decoded at all, which gets 08P01 ("protocol violation"). The stacks of
 * internal errors (XX) are logged as warnings, those of errors a client caused (bad SQL, a refused
 * property) at debug level.
 *
 * <p>Thread-safe: holds only the serialization and the wrapped handler.
 */
final class ErrorReplies extends HandlerWrapper implements MetricsAwareAvaticaHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorReplies.class);
  private static final ProtobufTranslation PROTOBUF = new ProtobufTranslationImpl();

  private final MetricsAwareAvaticaHandler avatica;
  private final Serialization serialization;

  ErrorReplies(MetricsAwareAvaticaHandler avatica, Serialization serialization) {
    this.avatica = avatica;
    this.serialization = serialization;
    setHandler(avatica);
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    ErrorCapture capture = new ErrorCapture(response);
    try {
      super.handle(target, baseRequest, request, capture);
    } catch (RuntimeException | Error e) {
      // Avatica's handler catches exceptions, not errors: answer as it would, so the client can
      // decode the reply, and keep the stack in the log.
      if (response.isCommitted()) {
        throw e;
      }
      LOG.warn("internal error answering {}", request.getRemoteAddr(), e);
      String message = "internal error (see the server log): " + e;
      ErrorResponse error =
          new ErrorResponse(List.of(message), message, 0, "XX000", AvaticaSeverity.ERROR, null);
      response.reset();
      response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      response
          .getOutputStream()
          .write(
              serialization == Serialization.PROTOBUF
                  ? PROTOBUF.serializeResponse(error)
                  : JsonService.MAPPER.writeValueAsBytes(error));
      baseRequest.setHandled(true);
      return;
    }
    if (capture.writer != null) {
      capture.writer.flush();
    }
    if (capture.buffer != null) {
      response.getOutputStream().write(scrub(capture.buffer.toByteArray(), request));
    }
  }

  private byte[] scrub(byte[] reply, HttpServletRequest request) {
    try {
      Response decoded =
          serialization == Serialization.PROTOBUF
              ? PROTOBUF.parseResponse(reply)
              : JsonService.MAPPER.readValue(
                  new String(reply, StandardCharsets.UTF_8), Response.class);
      if (!(decoded instanceof ErrorResponse e)) {
        return reply;
      }
      String stack = e.exceptions == null ? "" : String.join("\n", e.exceptions);
      boolean unknown = e.sqlState == null || e.sqlState.equals(ErrorResponse.UNKNOWN_SQL_STATE);
      boolean malformed = unknown && undecodable(stack);
      String state = malformed ? PROTOCOL_VIOLATION : unknown ? "XX000" : e.sqlState;
      if (state.startsWith("XX")) {
        LOG.warn(
            "internal error answering {}: {}\n{}", request.getRemoteAddr(), e.errorMessage, stack);
      } else {
        LOG.debug("{} to {}: {}\n{}", state, request.getRemoteAddr(), e.errorMessage, stack);
      }
      String message =
          e.errorMessage == null ? "internal error (see the server log)" : e.errorMessage;
      if (malformed) {
        message = "malformed request: " + message;
      }
      AvaticaSeverity severity = e.severity == null ? AvaticaSeverity.ERROR : e.severity;
      ErrorResponse clean =
          new ErrorResponse(List.of(message), message, e.errorCode, state, severity, e.rpcMetadata);
      return serialization == Serialization.PROTOBUF
          ? PROTOBUF.serializeResponse(clean)
          : JsonService.MAPPER.writeValueAsBytes(clean);
    } catch (IOException | RuntimeException failure) {
      // Not an Avatica reply (Jetty's own error page, already without stacks): pass it on.
      LOG.debug("500 reply that is not an Avatica error response", failure);
      return reply;
    }
  }

  /**
   * Whether the failure is a body Avatica could not decode. Avatica turns the exception into its
   * reply's stack text before this handler sees it, so the exception's class is read from the first
   * line of that text: the decoders' own exception types, and the runtime failures Avatica's
   * protobuf translation raises on a message that decodes but names no known request or type.
   */
  static boolean undecodable(String stack) {
    for (String type : DECODING_FAILURES) {
      if (stack.startsWith(type)) {
        return true;
      }
    }
    return false;
  }

  /** SQLSTATE of a request the server cannot decode. */
  static final String PROTOCOL_VIOLATION = "08P01";

  private static final List<String> DECODING_FAILURES =
      List.of(
          "com.google.protobuf.InvalidProtocolBufferException",
          "com.fasterxml.jackson.core.",
          "com.fasterxml.jackson.databind.",
          "org.apache.calcite.avatica.com.google.protobuf.InvalidProtocolBufferException");

  @Override
  public void setServerRpcMetadata(RpcMetadataResponse metadata) {
    avatica.setServerRpcMetadata(metadata);
  }

  @Override
  public MetricsSystem getMetrics() {
    return avatica.getMetrics();
  }

  /** Buffers the body of a 500 reply; any other status writes straight through. */
  private static final class ErrorCapture extends HttpServletResponseWrapper {
    private int status = SC_OK;
    ByteArrayOutputStream buffer;
    PrintWriter writer;

    ErrorCapture(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setStatus(int sc) {
      status = sc;
      super.setStatus(sc);
    }

    /** Avatica's JSON handler writes through the writer, its protobuf handler the stream. */
    @Override
    public PrintWriter getWriter() throws IOException {
      if (status != SC_INTERNAL_SERVER_ERROR) {
        return super.getWriter();
      }
      if (writer == null) {
        if (buffer == null) {
          buffer = new ByteArrayOutputStream();
        }
        writer = new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8));
      }
      return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (status != SC_INTERNAL_SERVER_ERROR) {
        return super.getOutputStream();
      }
      if (buffer == null) {
        buffer = new ByteArrayOutputStream();
      }
      return new ServletOutputStream() {
        @Override
        public void write(int b) {
          buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          buffer.write(b, off, len);
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          throw new UnsupportedOperationException("synchronous writes only");
        }
      };
    }
  }
}
