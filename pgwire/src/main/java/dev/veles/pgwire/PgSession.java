package dev.veles.pgwire;

import dev.veles.calcite.Access;
import dev.veles.calcite.VelesCalcite;
import dev.veles.server.Role;
import dev.veles.server.UserFile;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.apache.calcite.jdbc.CalciteConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL client connection: the startup phase (SSL and GSS negotiation, cancel requests,
 * authentication, connection limits), then the simple and extended query protocols over one
 * embedded Veles connection.
 *
 * <p>Runs on its own (platform) thread; {@link #cancelRunning} and {@link #kill} are the only
 * methods other threads call. Owns its socket, embedded connection, statements and portals.
 */
final class PgSession implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PgSession.class);

  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;
  private static final int PROTOCOL_3 = 3 << 16;

  final int pid;
  final int secret;
  private final PgServer server;
  private final String address;

  /** The TCP connection, under {@link #socket} when TLS wraps it. */
  private final Socket tcp;

  private Socket socket;
  private PgInput in;
  private PgOutput out;
  private Connection conn;
  private String user;
  private SqlText.Facts facts;
  private boolean admitted;
  private Map<String, String> settings;
  private Map<String, String> initialSettings;
  private char txStatus = 'I';
  private final Map<String, PgQuery> statements = new HashMap<>();
  private final Map<String, PgPortal> portals = new HashMap<>();
  private volatile Statement running;
  private volatile boolean cancelRequested;
  private volatile boolean executing;

  /**
   * When the session began waiting for its client ({@link System#nanoTime()}), 0 while it is not:
   * the whole startup, then each read of a next message. The server's watchdog ends a session that
   * waits longer than the idle timeout ({@link #expireIdle}); reads themselves have no timeout, so
   * a read blocks in the kernel instead of polling (two system calls fewer per message).
   */
  private volatile long waitingSince = System.nanoTime();

  private volatile boolean idleExpired;

  PgSession(PgServer server, Socket socket, int pid, int secret) throws IOException {
    this.server = server;
    this.socket = socket;
    this.tcp = socket;
    this.pid = pid;
    this.secret = secret;
    this.address =
        ((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress().getHostAddress();
    streams();
  }

  private void streams() throws IOException {
    in = new PgInput(socket.getInputStream(), server.config.maxMessageBytes);
    out = new PgOutput(new BufferedOutputStream(socket.getOutputStream(), 16 << 10));
  }

  @Override
  public void run() {
    try {
      if (startup()) {
        loop();
      }
    } catch (PgProtocolException e) {
      tryError(e);
    } catch (EOFException | SocketException e) {
      LOG.debug("PostgreSQL session {} ended: {}", pid, e.toString());
    } catch (IOException | RuntimeException e) {
      if (idleExpired) {
        LOG.debug("PostgreSQL session {} ended idle: {}", pid, e.toString());
      } else {
        LOG.warn("PostgreSQL session {} failed", pid, e);
        tryError(e);
      }
    } finally {
      if (idleExpired) {
        // the watchdog shut the input down: whatever the read saw, this is why
        tryError(
            new PgProtocolException(
                "terminating connection: idle for longer than the server's idle timeout", "57P05"));
      }
      cleanup();
    }
  }

  long waitingSince() {
    return waitingSince;
  }

  /**
   * The watchdog's call when {@link #waitingSince} is older than the idle timeout: shuts the input
   * down, which ends the blocked read; the session then sends 57P05 and closes. False when it was
   * expired already (the watchdog comes back while the session ends).
   */
  boolean expireIdle() {
    if (idleExpired) {
      return false;
    }
    idleExpired = true;
    try {
      tcp.shutdownInput();
    } catch (IOException e) {
      PgServer.closeQuietly(tcp);
    }
    return true;
  }

  /** The client's next message, waiting for it as {@link #waitingSince} records. */
  PgMessage next() throws IOException {
    waitingSince = System.nanoTime();
    try {
      return in.next();
    } finally {
      waitingSince = 0;
    }
  }

  private void tryError(Throwable e) {
    try {
      PgErrors.write(out, e, null);
      out.flush();
    } catch (IOException | RuntimeException ignored) {
      // the connection is going away; the error was logged or is the client's fault
    }
  }

  private void cleanup() {
    for (PgPortal p : portals.values()) {
      p.closeQuietly();
    }
    for (PgQuery q : statements.values()) {
      try {
        q.close();
      } catch (SQLException ignored) {
        // closing the connection below releases it anyway
      }
    }
    if (conn != null) {
      try {
        conn.close();
      } catch (SQLException e) {
        LOG.warn("closing the embedded connection of session {} failed", pid, e);
      }
    }
    if (admitted) {
      server.release(this, address);
    }
    PgServer.closeQuietly(socket);
    server.ended(this);
  }

  /** Another thread: the client is gone or stuck; closing the socket ends the session's I/O. */
  void kill() {
    cancelRunning();
    PgServer.closeQuietly(socket);
  }

  long writingSince() {
    return out.writing();
  }

  void cancelRunning() {
    if (executing) {
      cancelRequested = true;
    }
    Statement s = running;
    if (s != null) {
      try {
        s.cancel();
      } catch (SQLException e) {
        LOG.debug("cancel of session {} failed", pid, e);
      }
    }
  }

  // ---- startup ----

  private boolean startup() throws IOException {
    while (true) {
      PgMessage m = in.startup();
      if (m == null) {
        return false;
      }
      int code = m.int32();
      if (code == SSL_REQUEST) {
        boolean tls = server.tls() != null && !(socket instanceof SSLSocket);
        rawByte(tls ? 'S' : 'N');
        if (tls) {
          SSLSocket ssl =
              (SSLSocket)
                  server
                      .tls()
                      .getSocketFactory()
                      .createSocket(socket, null, socket.getPort(), true);
          ssl.setUseClientMode(false);
          ssl.startHandshake();
          socket = ssl;
          streams();
        }
      } else if (code == GSSENC_REQUEST) {
        rawByte('N');
      } else if (code == CANCEL_REQUEST) {
        server.cancel(m.int32(), m.int32());
        return false;
      } else if ((code >>> 16) == 3) {
        boolean opened = open(code, parameters(m));
        waitingSince = 0;
        return opened;
      } else {
        throw new PgProtocolException(
            "unsupported frontend protocol "
                + (code >>> 16)
                + "."
                + (code & 0xffff)
                + ": this server speaks 3.0",
            "0A000");
      }
    }
  }

  private void rawByte(char c) throws IOException {
    OutputStream o = socket.getOutputStream();
    o.write(c);
    o.flush();
  }

  private static Map<String, String> parameters(PgMessage m) {
    Map<String, String> p = new LinkedHashMap<>();
    while (m.remaining() > 0) {
      String name = m.cstring();
      if (name.isEmpty()) {
        break;
      }
      p.put(name, m.cstring());
    }
    return p;
  }

  private boolean open(int code, Map<String, String> params) throws IOException {
    user = params.get("user");
    if (user == null || user.isEmpty()) {
      throw new PgProtocolException("no PostgreSQL user name specified in startup packet", "28000");
    }
    Access access = authenticate();
    if (access == null) {
      return false;
    }
    facts = new SqlText.Facts(user, pid, access != Access.READ);
    String refused = server.admit(this, address);
    if (refused != null) {
      throw new PgProtocolException("too many connections: " + refused, "53300");
    }
    admitted = true;
    try {
      conn = server.open();
      if (conn.isWrapperFor(CalciteConnection.class)) {
        var root = conn.unwrap(CalciteConnection.class).getRootSchema();
        if (access != Access.ADMIN) {
          VelesCalcite.restrict(root, access);
        }
        PgCatalog.install(root, this);
      }
    } catch (SQLException e) {
      PgErrors.write(out, e, null);
      out.flush();
      return false;
    }
    settings = PgSettings.defaults(user, access == Access.ADMIN);
    if (params.containsKey("application_name")) {
      settings.put("application_name", params.get("application_name"));
    }
    initialSettings = new LinkedHashMap<>(settings);
    out.begin('R').int32(0).end();
    if ((code & 0xffff) != 0) {
      out.begin('v').int32(PROTOCOL_3).int32(0).end();
    }
    for (String name : PgSettings.REPORTED) {
      parameterStatus(name);
    }
    out.begin('K').int32(pid).int32(secret).end();
    readyForQuery();
    return true;
  }

  private void parameterStatus(String name) {
    out.begin('S').cstring(name).cstring(settings.getOrDefault(name, ""));
    try {
      out.end();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Runs the configured authentication; the access of the user, or null after a failure. */
  private Access authenticate() throws IOException {
    UserFile.User u = server.user(user);
    PgAuth.Method method = server.config.method;
    if (method == PgAuth.Method.TRUST) {
      if (!server.hasUsers()) {
        return Access.ADMIN;
      }
      return access(u);
    }
    boolean ok = method == PgAuth.Method.SCRAM ? scram(u) : md5(u);
    if (!ok) {
      throw new PgProtocolException(
          "password authentication failed for user \"" + user + "\"", "28P01");
    }
    return access(u);
  }

  private Access access(UserFile.User u) {
    if (u == null) {
      throw new PgProtocolException("role \"" + user + "\" does not exist", "28000");
    }
    Role r = u.role();
    if (r == null) {
      throw new PgProtocolException(
          "user \"" + user + "\" has no role (read, write or admin) in the users file", "28000");
    }
    return switch (r) {
      case READ -> Access.READ;
      case WRITE -> Access.WRITE;
      case ADMIN -> Access.ADMIN;
    };
  }

  private boolean scram(UserFile.User u) throws IOException {
    out.begin('R').int32(10).cstring("SCRAM-SHA-256").int8(0).end();
    out.flush();
    PgMessage first = expectPassword();
    String mechanism = first.cstring();
    if (!mechanism.equals("SCRAM-SHA-256")) {
      throw new PgProtocolException("SASL mechanism " + mechanism + " is not offered", "28000");
    }
    int len = first.int32();
    String clientFirst = new String(first.bytes(Math.max(len, 0)), StandardCharsets.UTF_8);
    // An unknown user runs the same exchange with a throw-away salt, so a client cannot tell
    // unknown names from wrong passwords.
    PgAuth.Salted salted =
        u == null
            ? new PgAuth.Salted(
                server.auth.nonce().getBytes(StandardCharsets.US_ASCII), 4096, new byte[32])
            : server.auth.salted(user, u.credential());
    PgAuth.Scram scram = new PgAuth.Scram(salted, clientFirst, server.auth.nonce());
    out.begin('R').int32(11).bytes(scram.serverFirst().getBytes(StandardCharsets.UTF_8)).end();
    out.flush();
    PgMessage fin = expectPassword();
    String serverFinal = scram.finish(new String(fin.rest(), StandardCharsets.UTF_8));
    if (serverFinal == null || u == null) {
      return false;
    }
    out.begin('R').int32(12).bytes(serverFinal.getBytes(StandardCharsets.UTF_8)).end();
    return true;
  }

  private boolean md5(UserFile.User u) throws IOException {
    byte[] salt = server.auth.md5Salt();
    out.begin('R').int32(5).bytes(salt).end();
    out.flush();
    String response = expectPassword().cstring();
    if (u != null && !(u.credential() instanceof dev.veles.server.Credential.Plain)) {
      throw new PgProtocolException(
          "MD5 authentication needs the password in the users file; user \""
              + user
              + "\" has a verifier: connect with SCRAM-SHA-256 (the server's default)",
          "28000");
    }
    return u != null
        && PgAuth.md5Matches(
            user, (dev.veles.server.Credential.Plain) u.credential(), salt, response);
  }

  private PgMessage expectPassword() throws IOException {
    PgMessage m = in.next();
    if (m == null) {
      throw new EOFException("client closed during authentication");
    }
    if (m.type != 'p') {
      throw new PgProtocolException("expected a password message, got '" + (char) m.type + "'");
    }
    return m;
  }

  // ---- main loop ----

  private void loop() throws IOException {
    PgExtended extended = new PgExtended(this);
    while (true) {
      if (!in.hasBuffered()) {
        out.flush(); // before a read that may wait: the client may be waiting for these replies
      }
      PgMessage m = next();
      if (m == null) {
        return;
      }
      switch (m.type) {
        case 'Q' -> {
          simpleQuery(m.cstring());
          readyForQuery();
        }
        case 'P', 'B', 'D', 'E', 'C', 'H' -> extended.handle(m);
        case 'S' -> {
          extended.sync();
          readyForQuery();
        }
        case 'X' -> {
          return;
        }
        case 'd', 'c', 'f' -> {
          // CopyData/CopyDone/CopyFail outside COPY are ignored, as PostgreSQL does.
        }
        default -> throw new PgProtocolException("unknown message type '" + (char) m.type + "'");
      }
    }
  }

  private void readyForQuery() throws IOException {
    out.begin('Z').int8(txStatus).end();
  }

  private void simpleQuery(String text) throws IOException {
    List<String> parts;
    try {
      if (text.length() > server.config.maxStatementChars) {
        throw new SQLException(
            "statement of "
                + text.length()
                + " characters exceeds the server's limit of "
                + server.config.maxStatementChars
                + " (veles server --max-statement-chars)",
            "54000");
      }
      parts = SqlText.split(text);
    } catch (SQLException e) {
      error(e, text);
      return;
    }
    if (parts.isEmpty()) {
      out.begin('I').end();
      return;
    }
    for (String sql : parts) {
      List<SqlText.Token> tokens = SqlText.tokens(sql);
      if (SqlText.firstWord(tokens).equals("COPY")) {
        if (!copy(tokens, sql)) {
          return;
        }
        continue;
      }
      try {
        PgQuery q = PgQuery.parse(conn, sql, new int[0], server.config.maxStatementChars, facts);
        try (PgPortal p = new PgPortal(this, q, new Object[0], null, true)) {
          if (p.columns() != null) {
            p.columns().writeDescription(out, null);
          }
          p.execute(0);
        } finally {
          q.close();
        }
      } catch (SQLException | RuntimeException e) {
        error(e, sql);
        return;
      }
    }
  }

  /** Runs a COPY statement; false after an error (already reported). */
  private boolean copy(List<SqlText.Token> tokens, String sql) throws IOException {
    PgCopy copy = null;
    executing(true);
    try {
      if (txStatus == 'E') {
        throw new SQLException(
            "current transaction is aborted, commands ignored until end of transaction block",
            "25P02");
      }
      copy = PgCopy.parse(tokens);
      long rows = copy.from() ? copy.copyIn(this, out) : copy.copyOut(this, out);
      out.begin('C').cstring("COPY " + rows).end();
      return true;
    } catch (SQLException | RuntimeException e) {
      error(e, sql);
      if (copy != null && copy.from()) {
        out.flush();
        copy.drain(this);
      }
      return false;
    } finally {
      executing(false);
    }
  }

  /** Writes an error for a failed statement; a transaction block becomes failed. */
  void error(Throwable e, String sql) throws IOException {
    if (txStatus == 'T') {
      txStatus = 'E';
    }
    if (!(e instanceof SQLException)
        && !(e instanceof IllegalArgumentException)
        && !(e instanceof UnsupportedOperationException)
        && !(e instanceof java.time.DateTimeException)) {
      LOG.warn("PostgreSQL session {}: statement failed", pid, e);
    }
    PgErrors.write(out, e, sql);
  }

  // ---- what statements and commands use ----

  PgOutput out() {
    return out;
  }

  Connection connection() {
    return conn;
  }

  PgServer server() {
    return server;
  }

  Map<String, PgQuery> statements() {
    return statements;
  }

  Map<String, PgPortal> portals() {
    return portals;
  }

  char txStatus() {
    return txStatus;
  }

  Map<String, String> settings() {
    return settings;
  }

  String user() {
    return user;
  }

  SqlText.Facts facts() {
    return facts;
  }

  /** Runs an embedded statement as the cancellable one, with the session's statement timeout. */
  void running(Statement s) throws SQLException {
    if (s != null) {
      long ms = PgSettings.millis(settings.getOrDefault("statement_timeout", "0"));
      s.setQueryTimeout(ms <= 0 ? 0 : (int) Math.max(1, (ms + 999) / 1000));
    }
    running = s;
  }

  /** Marks the start and end of a statement's execution: a cancel applies only inside one. */
  void executing(boolean on) {
    cancelRequested = false;
    executing = on;
  }

  /** Throws 57014 when a CancelRequest arrived for the statement running now. */
  void checkCancelled() throws SQLException {
    if (cancelRequested) {
      cancelRequested = false;
      throw new SQLException("canceling statement due to user request", "57014");
    }
  }

  /** Checks a statement's failure in a failed transaction block. */
  void checkNotFailed(PgQuery q) throws SQLException {
    if (txStatus == 'E'
        && !(q.command
            && (q.kind.equals("ROLLBACK")
                || q.kind.equals("ABORT")
                || q.kind.equals("COMMIT")
                || q.kind.equals("END")))) {
      throw new SQLException(
          "current transaction is aborted, commands ignored until end of transaction block",
          "25P02");
    }
  }

  PgCommands.Result begin() throws SQLException {
    if (txStatus != 'I') {
      warn("25001", "there is already a transaction in progress");
      return PgCommands.Result.tag("BEGIN");
    }
    if (conn.getTransactionIsolation() == Connection.TRANSACTION_NONE) {
      throw new SQLException(
          "transactions are not supported: Veles applies each statement when it executes"
              + " (run without BEGIN, or with autocommit on)",
          "0A000");
    }
    conn.setAutoCommit(false);
    txStatus = 'T';
    return PgCommands.Result.tag("BEGIN");
  }

  PgCommands.Result commit() throws SQLException {
    if (txStatus == 'I') {
      warn("25P01", "there is no transaction in progress");
      return PgCommands.Result.tag("COMMIT");
    }
    boolean failed = txStatus == 'E';
    txStatus = 'I';
    if (failed) {
      conn.rollback();
    } else {
      conn.commit();
    }
    conn.setAutoCommit(true);
    return PgCommands.Result.tag(failed ? "ROLLBACK" : "COMMIT");
  }

  PgCommands.Result rollback() throws SQLException {
    if (txStatus == 'I') {
      warn("25P01", "there is no transaction in progress");
      return PgCommands.Result.tag("ROLLBACK");
    }
    txStatus = 'I';
    conn.rollback();
    conn.setAutoCommit(true);
    return PgCommands.Result.tag("ROLLBACK");
  }

  private void warn(String state, String message) {
    try {
      PgErrors.warning(out, state, message);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  PgCommands.Result discard() throws SQLException {
    resetAll();
    for (PgPortal p : portals.values()) {
      p.closeQuietly();
    }
    portals.clear();
    for (PgQuery q : statements.values()) {
      q.close();
    }
    statements.clear();
    return PgCommands.Result.tag("DISCARD ALL");
  }

  PgCommands.Result deallocate(List<SqlText.Token> t) throws SQLException {
    int i = 1;
    if (i < t.size() && t.get(i).is("PREPARE")) {
      i++;
    }
    if (i >= t.size()) {
      throw new SQLException("syntax error: DEALLOCATE needs a name or ALL", "42601");
    }
    if (t.get(i).is("ALL")) {
      for (PgQuery q : statements.values()) {
        q.close();
      }
      statements.clear();
    } else {
      PgQuery q = statements.remove(t.get(i).text());
      if (q == null) {
        throw new SQLException(
            "prepared statement \"" + t.get(i).text() + "\" does not exist", "26000");
      }
      q.close();
    }
    return PgCommands.Result.tag("DEALLOCATE");
  }

  /** Sets (value null: resets) a setting, applying those that mean something to Veles. */
  void setting(String name, String value) throws SQLException {
    String key = PgSettings.canonical(name);
    String v = value == null ? initialSettings.get(key) : value;
    if (v == null) {
      if (value == null) {
        settings.remove(key);
        return;
      }
    }
    switch (key) {
      case "hnsw.ef_search" -> {
        int ef;
        try {
          ef = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
          throw new SQLException(
              "invalid value for parameter \"hnsw.ef_search\": \"" + v + "\"", "22023");
        }
        try (Statement s = conn.createStatement()) {
          s.execute("SET ef_search = " + ef);
        }
      }
      case "statement_timeout" -> v = Long.toString(PgSettings.millis(v));
      case "client_encoding" -> {
        String e = v.replace("-", "").toUpperCase(java.util.Locale.ROOT);
        if (!e.equals("UTF8") && !e.equals("UNICODE")) {
          throw new SQLException(
              "client_encoding " + v + " is not supported: this server speaks UTF8 only", "0A000");
        }
        v = "UTF8";
      }
      default -> {}
    }
    settings.put(key, v);
    if (PgSettings.REPORTED.contains(key)) {
      parameterStatus(key);
    }
  }

  void resetAll() throws SQLException {
    for (String key : List.copyOf(settings.keySet())) {
      if (!initialSettings.containsKey(key)) {
        settings.remove(key);
      }
    }
    for (Map.Entry<String, String> e : initialSettings.entrySet()) {
      if (!e.getValue().equals(settings.get(e.getKey()))) {
        setting(e.getKey(), null);
      }
    }
  }
}
