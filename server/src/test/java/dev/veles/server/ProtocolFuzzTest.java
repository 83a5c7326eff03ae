package dev.veles.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fuzzes the protobuf and JSON endpoints of a server running in a child JVM with a 256 MB heap:
 * valid recorded requests mutated (bit flips, truncation, inserted huge varints and lengths, bytes
 * swapped for others, JSON values of the wrong type) and random bodies. Every reply must be an HTTP
 * status the server sends on purpose (200, 400, 413, 500 with a decodable error that has a
 * SQLSTATE); after every 100 requests a valid client must be answered, and the server must end
 * alive without an OutOfMemoryError. The child JVM's small heap is the bound: a request that
 * allocated without limit would kill it, which an in-process server's large heap could hide.
 *
 * <p>Bounded: 2,000 requests or 50 s per serialization; with {@code -Dveles.long=true} 100,000
 * requests or 20 minutes. Seeded; the seed is printed.
 */
class ProtocolFuzzTest {
  @TempDir Path dir;

  private static final ProtobufTranslationImpl PROTOBUF = new ProtobufTranslationImpl();

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void mutatedAndRandomRequestsNeverBreakTheServer(Serialization serialization) throws Exception {
    boolean long_ = Boolean.getBoolean("veles.long");
    int count = long_ ? 100_000 : 2_000;
    long budgetNanos = (long_ ? Duration.ofMinutes(20) : Duration.ofSeconds(50)).toNanos();
    long seed = System.nanoTime();
    System.out.println("ProtocolFuzzTest " + serialization + " seed " + seed);
    Random random = new Random(seed);
    try (ChildServer server = ChildServer.start(dir.resolve("db"), 256, serialization)) {
      String clientUrl =
          "jdbc:avatica:remote:url="
              + server.httpUrl
              + ";serialization="
              + serialization.name().toLowerCase(java.util.Locale.ROOT);
      try (Connection c = DriverManager.getConnection(clientUrl);
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE docs (id BIGINT NOT NULL PRIMARY KEY, v VECTOR(2))");
        s.execute("INSERT INTO docs VALUES (1, ARRAY[0.1, 0.2]), (2, ARRAY[0.2, 0.1])");
      }
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      List<byte[]> recorded = recorded(serialization, http, server);
      long start = System.nanoTime();
      int sent = 0;
      for (; sent < count && System.nanoTime() - start < budgetNanos; sent++) {
        byte[] body =
            random.nextInt(10) == 0
                ? randomBody(serialization, random)
                : mutate(recorded.get(random.nextInt(recorded.size())), serialization, random);
        HttpResponse<byte[]> r = post(http, server, body);
        String what = "seed " + seed + " request " + sent;
        assertTrue(
            Set.of(200, 400, 413, 500).contains(r.statusCode()), what + ": " + r.statusCode());
        if (r.statusCode() == 500) {
          Service.Response decoded = decode(serialization, r.body());
          Service.ErrorResponse e = (Service.ErrorResponse) decoded;
          assertNotNull(e.sqlState, what);
          assertNotNull(e.errorMessage, what);
          assertFalse(e.errorMessage.contains("\tat "), what + ": " + e.errorMessage);
        }
        if (sent % 100 == 99) {
          assertAnswers(clientUrl, what);
        }
      }
      System.out.println(
          "ProtocolFuzzTest "
              + serialization
              + ": "
              + sent
              + " requests, peak heap in use "
              + server.peakHeapMb()
              + " MB of 256");
      assertTrue(sent >= Math.min(count, 200), "too few requests in the time: " + sent);
      assertAnswers(clientUrl, "after all");
      assertTrue(server.alive(), server.stderr());
      assertFalse(server.stderr().contains("OutOfMemoryError"), server.stderr());
    }
  }

  private static void assertAnswers(String url, String what) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM docs WHERE id <= 2")) {
      assertTrue(rs.next(), what);
      assertEquals(2, rs.getLong(1), what);
    }
  }

  /** Valid requests of every common kind, serialized; ids point at a live connection. */
  private static List<byte[]> recorded(
      Serialization serialization, HttpClient http, ChildServer server) throws Exception {
    String cid = "fuzz-" + serialization;
    List<Service.Request> requests = new ArrayList<>();
    requests.add(new Service.OpenConnectionRequest(cid, Map.of("ef_search", "32")));
    byte[] open = encode(serialization, requests.get(0));
    post(http, server, open);
    Service.Response created =
        decode(
            serialization,
            post(http, server, encode(serialization, new Service.CreateStatementRequest(cid)))
                .body());
    int sid = ((Service.CreateStatementResponse) created).statementId;
    Service.Response prepared =
        decode(
            serialization,
            post(
                    http,
                    server,
                    encode(
                        serialization,
                        new Service.PrepareRequest(cid, "SELECT id FROM docs WHERE id = ?", -1)))
                .body());
    Meta.StatementHandle h = ((Service.PrepareResponse) prepared).statement;
    requests.add(new Service.CreateStatementRequest(cid));
    requests.add(new Service.PrepareAndExecuteRequest(cid, sid, "SELECT * FROM docs", -1));
    requests.add(new Service.PrepareRequest(cid, "SELECT id FROM docs WHERE id = ?", -1));
    requests.add(
        new Service.ExecuteRequest(
            h, List.of(TypedValue.ofLocal(ColumnMetaData.Rep.LONG, 1L)), 100));
    requests.add(new Service.FetchRequest(cid, sid, 0, 100));
    requests.add(new Service.DatabasePropertyRequest(cid));
    requests.add(new Service.TablesRequest(cid, null, null, "%", null));
    requests.add(new Service.ColumnsRequest(cid, null, null, "%", "%"));
    requests.add(
        new Service.PrepareAndExecuteBatchRequest(
            cid, sid, List.of("UPSERT INTO docs VALUES (3, ARRAY[0.5, 0.5])")));
    requests.add(new Service.CloseStatementRequest(cid, sid + 1000));
    List<byte[]> out = new ArrayList<>();
    for (Service.Request r : requests) {
      out.add(encode(serialization, r));
    }
    return out;
  }

  private static byte[] mutate(byte[] valid, Serialization serialization, Random random) {
    byte[] b = valid.clone();
    switch (random.nextInt(6)) {
      case 0 -> { // bit flips
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
          int at = random.nextInt(b.length);
          b[at] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
      }
      case 1 -> { // truncation
        return java.util.Arrays.copyOf(b, random.nextInt(b.length));
      }
      case 2 -> { // a huge varint or length inserted
        byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f};
        return insert(b, random.nextInt(b.length + 1), huge);
      }
      case 3 -> { // a run of bytes replaced by random ones
        int at = random.nextInt(b.length);
        for (int i = at; i < Math.min(b.length, at + 1 + random.nextInt(8)); i++) {
          b[i] = (byte) random.nextInt(256);
        }
        return b;
      }
      case 4 -> { // a part repeated many times (long lists, deep nesting in JSON)
        int from = random.nextInt(b.length);
        int len = 1 + random.nextInt(Math.min(16, b.length - from));
        byte[] part = java.util.Arrays.copyOfRange(b, from, from + len);
        byte[] many = new byte[part.length * (1 + random.nextInt(2000))];
        for (int i = 0; i < many.length; i += part.length) {
          System.arraycopy(part, 0, many, i, part.length);
        }
        return insert(b, from, many);
      }
      default -> {
        if (serialization == Serialization.JSON) { // a value of the wrong type
          String s = new String(b, StandardCharsets.UTF_8);
          String[] swaps = {"\"x\"", "1e999", "-1", "[]", "{}", "null", "true", "9999999999999"};
          return s.replaceFirst(
                  ":(\"[^\"]*\"|-?\\d+|null|true|false)", ":" + swaps[random.nextInt(swaps.length)])
              .getBytes(StandardCharsets.UTF_8);
        }
        return insert(b, random.nextInt(b.length + 1), new byte[] {(byte) (random.nextInt(256))});
      }
    }
  }

  private static byte[] insert(byte[] b, int at, byte[] part) {
    byte[] out = new byte[b.length + part.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(part, 0, out, at, part.length);
    System.arraycopy(b, at, out, at + part.length, b.length - at);
    return out;
  }

  private static byte[] randomBody(Serialization serialization, Random random) {
    if (serialization == Serialization.JSON && random.nextBoolean()) {
      String[] parts = {
        "{",
        "}",
        "[",
        "]",
        "\"request\"",
        ":",
        ",",
        "\"prepare\"",
        "1",
        "\"sql\"",
        "\"connectionId\"",
        "null",
        "\"x\"",
        "-0.5e3"
      };
      StringBuilder sb = new StringBuilder();
      for (int i = random.nextInt(60); i > 0; i--) {
        sb.append(parts[random.nextInt(parts.length)]);
      }
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
    byte[] b = new byte[random.nextInt(300)];
    random.nextBytes(b);
    return b;
  }

  private static byte[] encode(Serialization serialization, Service.Request r) throws Exception {
    return serialization == Serialization.PROTOBUF
        ? PROTOBUF.serializeRequest(r)
        : JsonService.MAPPER.writeValueAsBytes(r);
  }

  private static Service.Response decode(Serialization serialization, byte[] body)
      throws Exception {
    return serialization == Serialization.PROTOBUF
        ? PROTOBUF.parseResponse(body)
        : JsonService.MAPPER.readValue(
            new String(body, StandardCharsets.UTF_8), Service.Response.class);
  }

  private static HttpResponse<byte[]> post(HttpClient http, ChildServer server, byte[] body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.httpUrl))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
