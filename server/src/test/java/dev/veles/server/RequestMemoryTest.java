package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with {@code -Xmx1g} (a child JVM, as {@code ./veles server} runs) receives 8 concurrent
 * requests at the size limits in the shapes that cost the most memory (an ARRAY literal of the
 * largest vector dimension, a string literal over its limit, an IN list filling the statement text
 * limit, an execute request of 60 MB of parameter values) and in the largest shapes the memory
 * budgets admit (a 40,000-element ARRAY literal, 16 MB of parameter values), which then queue for
 * the budget; each gets a clear SQLSTATE, another client keeps being answered meanwhile, and the
 * server never runs out of memory. The peak heap is printed (read from the child's GC log).
 */
class RequestMemoryTest {
  @TempDir Path dir;

  private static final ProtobufTranslationImpl PROTOBUF = new ProtobufTranslationImpl();

  @Test
  void eightCapSizedRequestsLeaveAOneGigabyteServerAnswering() throws Exception {
    try (ChildServer server = ChildServer.start(dir.resolve("db"), 1024, Serialization.PROTOBUF)) {
      String stockUrl = "jdbc:avatica:remote:url=" + server.httpUrl + ";serialization=protobuf";
      List<Shape> shapes =
          List.of(
              Shape.ARRAY,
              Shape.STRING,
              Shape.IN_LIST,
              Shape.PARAMETERS,
              Shape.ADMITTED_ARRAY,
              Shape.ADMITTED_ARRAY,
              Shape.ADMITTED_PARAMETERS,
              Shape.ADMITTED_PARAMETERS);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<String>> results = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Shape shape = shapes.get(i % shapes.size());
          results.add(pool.submit(() -> shape.send(server, stockUrl)));
        }
        // Another client is answered while the eight run.
        long start = System.nanoTime();
        int answered = 0;
        while (!results.stream().allMatch(Future::isDone)) {
          try (Connection c = DriverManager.getConnection("jdbc:veles:url=" + server.httpUrl);
              Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("VALUES 41 + 1")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
            answered++;
          }
          Thread.sleep(500);
          assertTrue(System.nanoTime() - start < TimeUnit.MINUTES.toNanos(5), "took too long");
        }
        for (int i = 0; i < results.size(); i++) {
          String state = results.get(i).get();
          Shape shape = shapes.get(i % shapes.size());
          System.out.println(shape + ": " + state);
          assertTrue(
              Set.of("54000", "54001", "53200", "07001").contains(state.substring(0, 5)),
              shape + " got " + state);
        }
        assertTrue(answered > 0, "the other client was never answered");
      } finally {
        pool.shutdownNow();
      }
      assertTrue(server.alive(), "server died: " + server.stderr());
      assertFalse(server.stderr().contains("OutOfMemoryError"), server.stderr());
      System.out.println("peak heap in use (MB, from the GC log, -Xmx1g): " + server.peakHeapMb());
      try (Connection c = DriverManager.getConnection(stockUrl);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("VALUES 1")) {
        assertTrue(rs.next());
      }
    }
  }

  /** The request shapes; {@link #send} returns "STATE message" of the failure. */
  private enum Shape {
    ARRAY {
      @Override
      String send(ChildServer server, String url) {
        StringBuilder b = new StringBuilder("SELECT cardinality(ARRAY[");
        for (int i = 0; i < StatementLimit.DEFAULT_MAX_ARRAY_ELEMENTS; i++) {
          b.append(i == 0 ? "0.5" : ",0.5");
        }
        return viaJdbc(url, b.append("])").toString());
      }
    },
    STRING {
      @Override
      String send(ChildServer server, String url) {
        return viaJdbc(
            url, "VALUES CHAR_LENGTH('" + "x".repeat(StatementLimit.DEFAULT_MAX_CHARS - 40) + "')");
      }
    },
    IN_LIST {
      @Override
      String send(ChildServer server, String url) {
        StringBuilder b = new StringBuilder("SELECT * FROM (VALUES 1) t(x) WHERE x IN (0");
        for (int i = 1; b.length() < StatementLimit.DEFAULT_MAX_CHARS - 20; i++) {
          b.append(',').append(i);
        }
        return viaJdbc(url, b.append(')').toString());
      }
    },
    /** Under the budget: the planning budget admits one of these at a time. */
    ADMITTED_ARRAY {
      @Override
      String send(ChildServer server, String url) {
        StringBuilder b = new StringBuilder("SELECT cardinality(ARRAY[");
        for (int i = 0; i < 40_000; i++) {
          b.append(i == 0 ? "0.5" : ",0.5");
        }
        return viaJdbc(url, b.append("])").toString());
      }
    },
    /** 16 MB of parameter values: decoded one at a time, then refused (07001). */
    ADMITTED_PARAMETERS {
      @Override
      String send(ChildServer server, String url) throws Exception {
        return parameters(server, 1_700_000);
      }
    },
    PARAMETERS {
      @Override
      String send(ChildServer server, String url) throws Exception {
        // About 60 MB on the wire, under the 64 MiB body limit.
        return parameters(server, 6_500_000);
      }
    };

    abstract String send(ChildServer server, String url) throws Exception;

    static String parameters(ChildServer server, int count) throws Exception {
      HttpClient http = HttpClient.newHttpClient();
      String cid = UUID.randomUUID().toString();
      post(http, server, new Service.OpenConnectionRequest(cid, Map.of()));
      Service.Response prepared =
          post(http, server, new Service.PrepareRequest(cid, "VALUES CAST(? AS INTEGER)", -1));
      Meta.StatementHandle h = ((Service.PrepareResponse) prepared).statement;
      List<TypedValue> values = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        values.add(TypedValue.ofLocal(ColumnMetaData.Rep.INTEGER, i));
      }
      Service.Response r = post(http, server, new Service.ExecuteRequest(h, values, 100));
      Service.ErrorResponse e = (Service.ErrorResponse) r;
      assertNotNull(e.sqlState);
      return e.sqlState + " " + e.errorMessage;
    }

    static String viaJdbc(String url, String sql) {
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.executeQuery(sql).close();
        return "none: the statement ran";
      } catch (SQLException e) {
        return e.getSQLState()
            + " "
            + e.getMessage().substring(0, Math.min(200, e.getMessage().length()));
      }
    }

    static Service.Response post(HttpClient http, ChildServer server, Service.Request request)
        throws Exception {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(server.httpUrl))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(PROTOBUF.serializeRequest(request)))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return PROTOBUF.parseResponse(r.body());
    }
  }
}
