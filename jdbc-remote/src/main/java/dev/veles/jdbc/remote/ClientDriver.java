package dev.veles.jdbc.remote;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's remote driver with the client's {@link LeanExecuteMeta} around its meta. Not registered
 * with {@link java.sql.DriverManager}: only {@link VelesRemoteDriver} uses it.
 */
final class ClientDriver extends org.apache.calcite.avatica.remote.Driver {
  static final String PREFIX = CONNECT_STRING_PREFIX;

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return new LeanExecuteMeta(super.createMeta(connection));
  }
}
