package dev.veles.jdbc;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.TxContext;
import dev.veles.calcite.VelesCalcite;
import dev.veles.calcite.VelesPrepare;
import dev.veles.calcite.VelesSettings;
import dev.veles.engine.Database;
import dev.veles.engine.Durability;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.Driver;

/**
 * The JDBC driver for {@code jdbc:veles:path=DIR[;key=value...]} URLs (see {@link VelesProperty}).
 * A connection is a Calcite connection with the Veles dialect over a database shared by every
 * connection to the same directory in this JVM. {@code jdbc:veles:url=http://host:port} connects to
 * a Veles server instead ({@link dev.veles.jdbc.remote.VelesRemoteDriver}).
 *
 * <p>Registered with {@link java.sql.DriverManager} through {@code META-INF/services}.
 */
public final class VelesDriver extends Driver {
  public static final String PREFIX = "jdbc:veles:";
  public static final String PRODUCT = "Veles";
  public static final String VERSION = "0.1.0";

  /** Calcite and Avatica properties a client may set; every other one of theirs is refused. */
  private static final Set<String> ALLOWED =
      Set.of("user", "password", "timezone", "locale", "avatica_user", "avatica_password");

  private static final Set<String> FRAMEWORK_KEYS =
      Stream.concat(
              Stream.of(CalciteConnectionProperty.values())
                  .map(CalciteConnectionProperty::camelName),
              Stream.of(BuiltInConnectionProperty.values())
                  .map(BuiltInConnectionProperty::camelName))
          .map(k -> k.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());

  private final Map<AvaticaConnection, Database> leases = new ConcurrentHashMap<>();

  static {
    new VelesDriver().register();
  }

  public VelesDriver() {
    super();
  }

  /** Preparation with the shared plan cache. */
  @Override
  public CalcitePrepare createPrepare() {
    return new VelesPrepare();
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion("Veles JDBC Driver", VERSION, PRODUCT, VERSION, true, 0, 1, 0, 1);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties given = ConnectStringParser.parse(url.substring(PREFIX.length()), info);
    if (VelesProperty.URL.get(given) != null) {
      return dev.veles.jdbc.remote.VelesRemoteDriver.open(given);
    }
    for (String key : given.stringPropertyNames()) {
      String k = key.toLowerCase(Locale.ROOT);
      if (VelesProperty.of(k) == null && FRAMEWORK_KEYS.contains(k) && !ALLOWED.contains(k)) {
        throw new VelesSQLException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "connection property '" + key + "' cannot be set on a Veles connection");
      }
    }
    if (VelesProperty.PATH.get(given) == null) {
      throw new VelesSQLException(
          SqlState.CONNECTION_EXCEPTION,
          "missing path or url: use jdbc:veles:path=/data/dir (embedded) or"
              + " jdbc:veles:url=http://host:8765 (a server)");
    }
    Properties merged = new Properties();
    merged.putAll(given);
    merged.putAll(VelesCalcite.connectionProperties());
    Connection c = super.connect(PREFIX, merged);
    return new VelesConnection(c);
  }

  /**
   * Describes the {@link VelesProperty} connection properties, each with its value from {@code url}
   * and {@code info} (or its default), description, allowed values and whether it is required.
   * Calcite's and Avatica's own properties are not listed: a Veles connection refuses them.
   */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    Properties given = new Properties();
    if (info != null) {
      given.putAll(info);
    }
    if (url != null && acceptsURL(url)) {
      given = ConnectStringParser.parse(url.substring(PREFIX.length()), given);
    }
    VelesProperty[] all = VelesProperty.values();
    DriverPropertyInfo[] out = new DriverPropertyInfo[all.length];
    for (int i = 0; i < all.length; i++) {
      VelesProperty p = all[i];
      DriverPropertyInfo d = new DriverPropertyInfo(p.key(), p.get(given));
      d.description = p.description();
      d.required = p.required();
      d.choices = p.choices();
      out[i] = d;
    }
    return out;
  }

  @Override
  protected Handler createHandler() {
    Handler base = super.createHandler();
    return new Handler() {
      @Override
      public void onConnectionInit(AvaticaConnection connection) throws SQLException {
        base.onConnectionInit(connection);
        Properties p = ((CalciteConnection) connection).getProperties();
        try {
          VelesSettings settings =
              new VelesSettings(
                  VelesProperty.EF_SEARCH.getInt(p),
                  VelesProperty.READ_ONLY.getBoolean(p),
                  Durability.parse(VelesProperty.DURABILITY.get(p)));
          Database db =
              Engines.acquire(
                  Path.of(VelesProperty.PATH.get(p)),
                  VelesProperty.CREATE.getBoolean(p),
                  settings.readOnly(),
                  VelesProperty.MAX_DIMENSION.getInt(p));
          leases.put(connection, db);
          VelesCalcite.install(((CalciteConnection) connection).getRootSchema(), db, settings);
          connection.setSchema(VelesCalcite.SCHEMA);
        } catch (IOException | RuntimeException e) {
          throw VelesSQLException.of("cannot open database: " + e.getMessage(), e);
        }
      }

      @Override
      public void onConnectionClose(AvaticaConnection connection) {
        base.onConnectionClose(connection);
        TxContext tx = VelesCalcite.txContext(((CalciteConnection) connection).getRootSchema());
        if (tx != null) {
          tx.close(); // an open transaction rolls back with its connection
        }
        Database db = leases.remove(connection);
        if (db != null) {
          try {
            Engines.release(db);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }

      @Override
      public void onStatementExecute(AvaticaStatement statement, ResultSink resultSink) {
        base.onStatementExecute(statement, resultSink);
      }

      @Override
      public void onStatementClose(AvaticaStatement statement) {
        base.onStatementClose(statement);
      }
    };
  }
}
