package dev.veles.jdbc;

import dev.veles.calcite.SqlState;
import dev.veles.calcite.Vectors;
import dev.veles.jdbc.remote.HttpTransport;
import dev.veles.jdbc.remote.VectorWire;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * Connections for {@code jdbc:veles:url=http://host:port}: Avatica's remote driver over protobuf,
 * with vector parameters sent packed.
 *
 * <p>A vector bound with {@code setObject(i, float[])} (also {@code double[]}, {@code Float[]}, a
 * {@code List} of numbers) or {@code setArray} to a parameter the server declares as an array
 * travels as one binary value ({@link VectorWire}) that the server unpacks, instead of one protobuf
 * message per component. This also makes {@code setObject(i, float[])} work remotely, which the
 * stock Avatica client refuses. Everything else is the stock client's behaviour.
 *
 * <p>The wrapped objects are as thread-safe as Avatica's.
 */
final class RemoteConnections {
  /** Avatica's remote driver; HTTP settings (TLS, authentication) pass through to it. */
  private static final String AVATICA_PREFIX = "jdbc:avatica:remote:";

  /**
   * The HTTP client used unless the URL names another ({@code httpclient_impl}): {@link
   * HttpTransport}, which costs less per request than Avatica's default Apache HttpClient or the
   * JDK's {@code HttpURLConnection} (see the SQL path benchmark).
   */
  static final String DEFAULT_HTTP_CLIENT = HttpTransport.class.getName();

  private RemoteConnections() {}

  /** Opens a connection to the server at {@code props}' {@code url}. */
  static Connection connect(Properties props) throws SQLException {
    if (VelesProperty.PATH.get(props) != null) {
      throw new VelesSQLException(
          SqlState.CONNECTION_EXCEPTION, "give either path (embedded) or url (a server), not both");
    }
    String url = VelesProperty.URL.get(props).trim();
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw new VelesSQLException(
          SqlState.CONNECTION_EXCEPTION,
          "url must be an http:// or https:// address of a Veles server, got '" + url + "'");
    }
    Properties avatica = new Properties();
    avatica.setProperty("serialization", "protobuf");
    avatica.setProperty("httpclient_impl", DEFAULT_HTTP_CLIENT);
    for (String key : props.stringPropertyNames()) {
      if (!key.equalsIgnoreCase(VelesProperty.URL.key())) {
        avatica.setProperty(key.toLowerCase(Locale.ROOT), props.getProperty(key));
      }
    }
    avatica.setProperty("url", url);
    List<HttpTransport> transports = new ArrayList<>(1);
    HttpTransport.CREATED.set(transports);
    Connection c;
    try {
      c = new ClientDriver().connect(AVATICA_PREFIX, avatica);
    } catch (RuntimeException e) {
      // The stock client lets HTTP and server failures escape Driver.connect unchecked.
      transports.forEach(HttpTransport::closeIdle);
      throw new VelesSQLException(
          SqlState.CONNECTION_EXCEPTION, "cannot connect to " + url + ": " + message(e), e);
    } finally {
      HttpTransport.CREATED.remove();
    }
    if (c == null) {
      throw new VelesSQLException(SqlState.CONNECTION_EXCEPTION, "cannot connect to " + url);
    }
    Connection proxy = wrap(Connection.class, c, null);
    ((Handler) Proxy.getInvocationHandler(proxy)).transports = transports;
    return proxy;
  }

  /**
   * Avatica's remote driver with {@link #leanExecute} around its meta. Not registered with {@link
   * java.sql.DriverManager}: only {@link #connect} uses it.
   */
  private static final class ClientDriver extends org.apache.calcite.avatica.remote.Driver {
    @Override
    public Meta createMeta(AvaticaConnection connection) {
      return leanExecute(super.createMeta(connection));
    }
  }

  /**
   * Sends execute requests without the statement's signature and restores it in the response.
   * Avatica otherwise sends a prepared statement's full signature with every execution and the
   * server echoes it back; the Veles server keeps it from the prepare step ({@code VelesService}).
   * A response that does carry a signature (one with array columns, whose component type the server
   * refines on the first row) is used as it comes.
   */
  static Meta leanExecute(Meta remote) {
    return (Meta)
        Proxy.newProxyInstance(
            RemoteConnections.class.getClassLoader(),
            new Class<?>[] {Meta.class},
            (proxy, method, args) -> {
              if (method.getName().equals("execute")
                  && args.length == 3
                  && args[0] instanceof Meta.StatementHandle h
                  && h.signature != null) {
                Object[] bare = args.clone();
                bare[0] = new Meta.StatementHandle(h.connectionId, h.id, null);
                Meta.ExecuteResult r = (Meta.ExecuteResult) Delegation.call(method, remote, bare);
                return withSignature(r, h.signature);
              }
              return Delegation.call(method, remote, args);
            });
  }

  private static Meta.ExecuteResult withSignature(Meta.ExecuteResult r, Meta.Signature signature) {
    if (r == null || r.resultSets == null) {
      return r;
    }
    List<Meta.MetaResultSet> sets = new ArrayList<>(r.resultSets.size());
    for (Meta.MetaResultSet rs : r.resultSets) {
      // Avatica's client replaces a missing signature with one of no columns; a query always has
      // at least one.
      boolean omitted =
          rs.signature == null || rs.signature.columns == null || rs.signature.columns.isEmpty();
      sets.add(
          omitted && rs.updateCount == -1
              ? Meta.MetaResultSet.create(
                  rs.connectionId, rs.statementId, rs.ownStatement, signature, rs.firstFrame)
              : rs);
    }
    return new Meta.ExecuteResult(sets);
  }

  /** The innermost message of a failure, which names the cause (HTTP status, refused socket). */
  private static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t;
  }

  private static <T> T wrap(Class<T> type, Object target, Object connection) {
    Handler h = new Handler(target, connection);
    T proxy =
        type.cast(
            Proxy.newProxyInstance(
                RemoteConnections.class.getClassLoader(), new Class<?>[] {type}, h));
    if (connection == null) {
      h.connection = proxy;
    }
    return proxy;
  }

  /** Wraps a connection's statements and packs vectors bound to prepared statements. */
  private static final class Handler implements InvocationHandler {
    private final Object target;
    private Object connection;

    /** A connection's HTTP transports, whose idle sockets close with it. */
    private List<HttpTransport> transports = List.of();

    /** Per prepared statement: which parameters are arrays; computed on first bind. */
    private boolean[] arrayParameters;

    Handler(Object target, Object connection) {
      this.target = target;
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "equals" -> {
          if (method.getParameterCount() == 1) {
            return proxy == args[0];
          }
        }
        case "hashCode" -> {
          if (method.getParameterCount() == 0) {
            return System.identityHashCode(proxy);
          }
        }
        case "getConnection" -> {
          if (target instanceof Statement && method.getParameterCount() == 0) {
            return connection;
          }
        }
        case "setObject", "setArray" -> {
          if (target instanceof PreparedStatement ps && args.length >= 2 && isVector(args[1])) {
            int index = (Integer) args[0];
            if (isArrayParameter(ps, index)) {
              ps.setBytes(index, VectorWire.pack(floats(args[1])));
              return null;
            }
          }
        }
        default -> {}
      }
      Object result;
      try {
        result = Delegation.call(method, target, args);
      } finally {
        if ((name.equals("close") || name.equals("abort")) && target instanceof Connection) {
          transports.forEach(HttpTransport::closeIdle);
        }
      }
      if (target instanceof Connection && result instanceof Statement) {
        Class<?> type =
            result instanceof CallableStatement
                ? CallableStatement.class
                : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return wrap(type, result, connection);
      }
      return result;
    }

    private boolean isArrayParameter(PreparedStatement ps, int index) throws SQLException {
      boolean[] arrays = arrayParameters;
      if (arrays == null) {
        ParameterMetaData md = ps.getParameterMetaData();
        arrays = new boolean[md.getParameterCount() + 1];
        for (int i = 1; i < arrays.length; i++) {
          arrays[i] = md.getParameterType(i) == Types.ARRAY;
        }
        arrayParameters = arrays;
      }
      return index > 0 && index < arrays.length && arrays[index];
    }

    private static boolean isVector(Object value) {
      return value instanceof float[]
          || value instanceof double[]
          || value instanceof Number[]
          || value instanceof Array
          || (value instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number);
    }

    private static float[] floats(Object value) throws SQLException {
      try {
        return Vectors.toFloats(value);
      } catch (RuntimeException e) {
        throw new VelesSQLException(SqlState.INVALID_PARAMETER_VALUE, e.getMessage(), e);
      }
    }
  }
}
