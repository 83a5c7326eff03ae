package dev.veles.jdbc.remote;

import org.apache.calcite.avatica.remote.Service;

/** An Avatica {@link Service} that sends its requests through a {@link ServerLink}. */
interface LinkedService extends Service {
  ServerLink link();

  /**
   * Asks the server whether it still holds the connection, waiting at most {@code timeoutMs}.
   *
   * @throws RuntimeException if it does not, or does not answer
   */
  void ping(String connectionId, int timeoutMs);
}
