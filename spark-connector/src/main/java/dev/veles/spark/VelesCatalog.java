package dev.veles.spark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.analysis.NoSuchFunctionException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.FunctionCatalog;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Spark catalog over a Veles cluster: N ordinary Veles servers, each holding one shard of every
 * sharded table ({@code spark.sql.catalog.veles=dev.veles.spark.VelesCatalog}, {@code
 * spark.sql.catalog.veles.shards=http://h1:8765,http://h2:8765}, plus the remote client's
 * authentication/TLS/timeout properties as catalog options). Tables are listed from the first
 * shard, created and dropped on every shard, and loaded after checking every shard agrees on the
 * schema. As a {@link FunctionCatalog} it serves the distance functions ({@code
 * veles.l2_distance(embedding, array(...))}) whose {@code ORDER BY ... LIMIT k} is pushed into the
 * shards' indexes.
 *
 * <p>Table properties of {@code CREATE TABLE}: {@code key} (the key column, or the comma-separated
 * columns of a composite key in order; required), {@code uuid_columns} (string columns stored as
 * Veles {@code UUID}s: Spark has no UUID type), {@code dimension} (of the {@code array<float>}
 * vector column), and the index options {@code metric}, {@code m}, {@code ef_construction}, {@code
 * durability}.
 *
 * <p>Spark creates one instance per session and calls it from one thread at a time.
 */
public final class VelesCatalog implements TableCatalog, FunctionCatalog {
  private static final String[] INDEX_OPTIONS = {"metric", "m", "ef_construction", "durability"};

  private String name;
  private Shards shards;
  private CaseInsensitiveStringMap options;

  public VelesCatalog() {}

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    this.options = options;
    this.shards = Shards.fromOptions(options);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String[] defaultNamespace() {
    return new String[0];
  }

  Shards shards() {
    return shards;
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    checkNamespace(namespace);
    List<Identifier> out = new ArrayList<>();
    try (Connection c = shards.connect(0);
        ResultSet rs =
            c.getMetaData().getTables(null, TableInfo.SCHEMA, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        if (TableInfo.SCHEMA.equals(rs.getString("TABLE_SCHEM"))) {
          out.add(Identifier.of(namespace, rs.getString("TABLE_NAME")));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(shards.failure(0, "list tables", e).getMessage(), e);
    }
    return out.toArray(Identifier[]::new);
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    checkTableNamespace(ident);
    TableInfo first = null;
    for (int i = 0; i < shards.count(); i++) {
      TableInfo info;
      try (Connection c = shards.connect(i)) {
        info = TableInfo.read(c, ident.name());
      } catch (SQLException e) {
        throw new IllegalStateException(
            shards.failure(i, "read table " + ident.name(), e).getMessage(), e);
      }
      if (info == null) {
        if (i == 0) {
          throw new NoSuchTableException(ident);
        }
        throw new IllegalStateException(
            "table "
                + ident.name()
                + " is missing on "
                + shards.describe(i)
                + " (found on shard 0)");
      } else if (first == null) {
        first = info;
      } else if (!first.sameAs(info)) {
        throw new IllegalStateException(
            "table "
                + ident.name()
                + " differs on "
                + shards.describe(i)
                + " from shard 0: "
                + info
                + " vs "
                + first);
      }
    }
    return new VelesTable(shards, first, options);
  }

  @Override
  public Table createTable(
      Identifier ident, Column[] columns, Transform[] partitions, Map<String, String> properties)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    List<StructField> fields = new ArrayList<>();
    for (Column col : columns) {
      fields.add(
          new StructField(
              col.name(),
              col.dataType(),
              col.nullable(),
              org.apache.spark.sql.types.Metadata.empty()));
    }
    return create(
        ident, new StructType(fields.toArray(StructField[]::new)), partitions, properties);
  }

  @Override
  @SuppressWarnings("deprecation")
  public Table createTable(
      Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    return create(ident, schema, partitions, properties);
  }

  private Table create(
      Identifier ident, StructType schema, Transform[] partitions, Map<String, String> properties)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    checkNamespace(ident.namespace());
    if (partitions.length > 0) {
      throw new UnsupportedOperationException(
          "a Veles table is sharded by the hash of its key; PARTITIONED BY is not supported");
    }
    String ddl = createDdl(ident.name(), schema, properties);
    List<Integer> existing = new ArrayList<>();
    for (int i = 0; i < shards.count(); i++) {
      try (Connection c = shards.connect(i)) {
        if (TableInfo.read(c, ident.name()) != null) {
          existing.add(i);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(shards.failure(i, "check tables", e).getMessage(), e);
      }
    }
    if (!existing.isEmpty()) {
      throw new TableAlreadyExistsException(ident);
    }
    for (int i = 0; i < shards.count(); i++) {
      try (Connection c = shards.connect(i);
          Statement st = c.createStatement()) {
        st.execute(ddl);
      } catch (SQLException e) {
        dropCreated(ident.name(), i); // leave no shard with a half-created table
        throw new IllegalStateException(
            shards.failure(i, "create table " + ident.name(), e).getMessage(), e);
      }
    }
    try {
      return loadTable(ident);
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("table " + ident.name() + " vanished after CREATE", e);
    }
  }

  /** The {@code CREATE TABLE} statement each shard runs. */
  static String createDdl(String table, StructType schema, Map<String, String> properties) {
    List<String> key = columns(properties.get("key"));
    if (key.isEmpty()) {
      throw new IllegalArgumentException(
          "a sharded Veles table needs a key column that routes its rows:"
              + " TBLPROPERTIES ('key' = '<column>'), or ('key' = '<column>, <column>') for a"
              + " composite key");
    }
    List<String> uuids = columns(properties.get("uuid_columns"));
    for (String column : key) {
      checkColumn(schema, column, "key");
    }
    for (String column : uuids) {
      checkColumn(schema, column, "uuid_columns");
      if (!schema
          .apply(column)
          .dataType()
          .equals(org.apache.spark.sql.types.DataTypes.StringType)) {
        throw new IllegalArgumentException(
            "uuid_columns names " + column + ", which is not a STRING column");
      }
    }
    int dimension = 0;
    String dim = properties.get("dimension");
    if (dim != null) {
      try {
        dimension = Integer.parseInt(dim.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("dimension must be a positive integer, got " + dim, e);
      }
    }
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(VelesTypes.quote(table));
    sql.append(" (");
    for (int i = 0; i < schema.fields().length; i++) {
      StructField f = schema.fields()[i];
      sql.append(i > 0 ? ", " : "").append(VelesTypes.quote(f.name())).append(' ');
      sql.append(uuids.contains(f.name()) ? "UUID" : VelesTypes.toVeles(f, dimension));
      if (key.size() == 1 && f.name().equals(key.get(0))) {
        sql.append(" NOT NULL PRIMARY KEY");
      } else if (!f.nullable() || key.contains(f.name())) {
        sql.append(" NOT NULL");
      }
    }
    if (key.size() > 1) {
      StringJoiner parts = new StringJoiner(", ", ", PRIMARY KEY (", ")");
      key.forEach(k -> parts.add(VelesTypes.quote(k)));
      sql.append(parts);
    }
    sql.append(')');
    List<String> with = new ArrayList<>();
    for (String option : INDEX_OPTIONS) {
      String v = properties.get(option);
      if (v != null) {
        boolean number = option.equals("m") || option.equals("ef_construction");
        if (number && !v.trim().matches("[0-9]{1,9}")) {
          throw new IllegalArgumentException(option + " must be a positive integer, got " + v);
        }
        with.add(option + " = " + (number ? v.trim() : "'" + v.replace("'", "''") + "'"));
      }
    }
    if (!with.isEmpty()) {
      sql.append(" WITH (").append(String.join(", ", with)).append(')');
    }
    return sql.toString();
  }

  /** The comma-separated column names of a table property, trimmed, in order; none for null. */
  private static List<String> columns(String property) {
    List<String> out = new ArrayList<>();
    if (property != null) {
      for (String name : property.split(",")) {
        if (!name.isBlank()) {
          out.add(name.trim());
        }
      }
    }
    return out;
  }

  private static void checkColumn(StructType schema, String column, String property) {
    if (schema.getFieldIndex(column).isEmpty()) {
      throw new IllegalArgumentException(
          "the table property '" + property + "' names " + column + ": there is no such column");
    }
  }

  private void dropCreated(String table, int upTo) {
    for (int i = 0; i < upTo; i++) {
      try (Connection c = shards.connect(i);
          Statement st = c.createStatement()) {
        st.execute("DROP TABLE " + VelesTypes.quote(table));
      } catch (SQLException ignored) {
        // the creation failure is what the user needs to see; this shard keeps an empty table
      }
    }
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) {
    throw new UnsupportedOperationException("ALTER TABLE on a sharded Veles table: not supported");
  }

  /** Drops the table on every shard that has it; true if any had it. */
  @Override
  public boolean dropTable(Identifier ident) {
    checkTableNamespace(ident);
    boolean dropped = false;
    for (int i = 0; i < shards.count(); i++) {
      try (Connection c = shards.connect(i)) {
        if (TableInfo.read(c, ident.name()) != null) {
          try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + VelesTypes.quote(ident.name()));
            dropped = true;
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(
            shards.failure(i, "drop table " + ident.name(), e).getMessage(), e);
      }
    }
    return dropped;
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw new UnsupportedOperationException("RENAME of a sharded Veles table: not supported");
  }

  @Override
  public Identifier[] listFunctions(String[] namespace) throws NoSuchNamespaceException {
    checkNamespace(namespace);
    TreeSet<String> names = new TreeSet<>();
    for (DistanceFunction.Kind k : DistanceFunction.Kind.values()) {
      names.add(k.sqlName());
    }
    return names.stream().map(n -> Identifier.of(namespace, n)).toArray(Identifier[]::new);
  }

  @Override
  public UnboundFunction loadFunction(Identifier ident) throws NoSuchFunctionException {
    if (ident.namespace().length > 1 || (ident.namespace().length == 1 && !isPublic(ident))) {
      throw new NoSuchFunctionException(ident);
    }
    DistanceFunction.Kind kind = DistanceFunction.Kind.byName(ident.name());
    if (kind == null) {
      throw new NoSuchFunctionException(ident);
    }
    return new DistanceFunction(kind);
  }

  private static boolean isPublic(Identifier ident) {
    return TableInfo.SCHEMA.equals(ident.namespace()[0]);
  }

  private static void checkNamespace(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length > 1 || (namespace.length == 1 && !TableInfo.SCHEMA.equals(namespace[0]))) {
      throw new NoSuchNamespaceException(namespace);
    }
  }

  private static void checkTableNamespace(Identifier ident) {
    String[] ns = ident.namespace();
    if (ns.length > 1 || (ns.length == 1 && !TableInfo.SCHEMA.equals(ns[0]))) {
      throw new IllegalArgumentException(
          "Veles tables live in the namespace 'public' (or none): " + ident);
    }
  }
}
