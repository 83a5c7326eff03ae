package dev.veles.jdbc.remote;

import java.io.IOException;

/**
 * A failed HTTP exchange of {@link HttpTransport}, with what the client knows about whether the
 * server may have executed the request: that decides whether it may be resent and whether the
 * connection is still usable.
 */
public final class TransportException extends IOException {
  /** What went wrong, in the order of an exchange. */
  public enum Kind {
    /** No socket: connect, TLS handshake or TLS setup failed. Nothing was sent. */
    CONNECT(false),
    /** The request was not fully written. The server cannot have executed it. */
    WRITE(false),
    /** The read timeout expired after the request was written. It may have been executed. */
    TIMEOUT(true),
    /** The socket failed or the reply was cut or malformed. The request may have been executed. */
    READ(true),
    /** The server answered with an HTTP status that is not an Avatica reply (401, 413, 503...). */
    STATUS(false);

    private final boolean mayHaveExecuted;

    Kind(boolean mayHaveExecuted) {
      this.mayHaveExecuted = mayHaveExecuted;
    }

    /** Whether the server may have executed the request. */
    public boolean mayHaveExecuted() {
      return mayHaveExecuted;
    }
  }

  private final Kind kind;
  private final int status;

  TransportException(Kind kind, String message, Throwable cause) {
    this(kind, 0, message, cause);
  }

  TransportException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of a {@link Kind#STATUS} failure, else 0. */
  public int status() {
    return status;
  }
}
