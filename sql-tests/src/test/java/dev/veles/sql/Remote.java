package dev.veles.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.veles.server.VelesServer;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * How a suite reaches a database: embedded, or through {@link VelesServer} with either wire format,
 * always through a HikariCP pool. Owns the server and the pool; close both.
 */
final class Remote implements AutoCloseable {
  /** The ways a client connects. */
  enum Mode {
    EMBEDDED,
    PROTOBUF,
    JSON,
    /** {@code jdbc:veles:url=}: the Veles driver's remote mode (protobuf, packed vectors). */
    VELES
  }

  final Mode mode;
  final HikariDataSource pool;
  private final VelesServer server;

  Remote(Mode mode, Path dir, int poolSize) throws Exception {
    this.mode = mode;
    String url;
    if (mode == Mode.EMBEDDED) {
      server = null;
      url = "jdbc:veles:path=" + dir;
    } else {
      server =
          VelesServer.builder()
              .path(dir)
              .port(0)
              .serialization(mode == Mode.JSON ? Serialization.JSON : Serialization.PROTOBUF)
              .start();
      url = mode == Mode.VELES ? "jdbc:veles:url=" + server.httpUrl() : server.clientUrl();
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("veles-" + mode);
    config.setConnectionTimeout(10_000);
    this.pool = new HikariDataSource(config);
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /**
   * Binds a vector the way each client does best: {@code setObject(float[])} where the stock client
   * can encode it, {@code setArray(createArrayOf("REAL"))} over protobuf.
   */
  void bindVector(Connection c, PreparedStatement ps, int index, float[] v) throws SQLException {
    if (mode == Mode.PROTOBUF) {
      ps.setArray(index, c.createArrayOf("REAL", boxed(v)));
    } else {
      ps.setObject(index, v);
    }
  }

  static Float[] boxed(float[] v) {
    Float[] b = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = v[i];
    }
    return b;
  }

  /** The float values of a vector column, whatever array form the client returns. */
  static float[] floats(Array a) throws SQLException {
    Object v = a.getArray();
    if (v instanceof float[] f) {
      return f;
    }
    Object[] o = (Object[]) v;
    float[] f = new float[o.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = ((Number) o[i]).floatValue();
    }
    return f;
  }

  @Override
  public void close() throws SQLException {
    pool.close();
    if (server != null) {
      server.close();
    }
  }
}
