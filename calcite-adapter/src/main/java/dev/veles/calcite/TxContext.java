package dev.veles.calcite;

import dev.veles.engine.Database;
import dev.veles.engine.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The transaction context of one connection: the auto-commit mode and the open {@link Transaction},
 * if any. Every write of the connection's statements and batches, and every read that must see the
 * transaction's own writes, goes through it.
 *
 * <p>A transaction opens when a statement writes with auto-commit off, when SQL {@code BEGIN} runs
 * (in auto-commit mode it opens a transaction block that lasts until {@code COMMIT} or {@code
 * ROLLBACK}, as in PostgreSQL), and for the duration of a JDBC batch in auto-commit mode. Without
 * an open transaction a write applies at once as one engine call (auto-commit: a transaction of one
 * statement).
 *
 * <p>Thread-safe (a connection's requests may come from several threads, one at a time); owned by
 * the connection's {@link Session}; {@link #close()} rolls back.
 */
public final class TxContext {
  private final Database db;
  private boolean autoCommit = true;
  private Transaction tx;
  private boolean batchOwned;
  private volatile long lastUse = System.nanoTime();

  public TxContext(Database db) {
    this.db = db;
  }

  public Database database() {
    return db;
  }

  /** The transaction writes go to: the open one, one begun now with auto-commit off, or null. */
  public synchronized Transaction forWrite() {
    touch();
    if (tx == null && !autoCommit) {
      tx = db.begin();
    }
    return tx;
  }

  /** The open transaction whose writes reads must see, or null. */
  public synchronized Transaction forRead() {
    touch();
    return tx;
  }

  /** Whether a transaction is open (its writes not yet committed or rolled back). */
  public synchronized boolean inTransaction() {
    return tx != null;
  }

  private void touch() {
    lastUse = System.nanoTime();
  }

  /** {@link System#nanoTime()} of the last use of this context. */
  public long lastUse() {
    return lastUse;
  }

  public synchronized boolean autoCommit() {
    return autoCommit;
  }

  /**
   * Sets the auto-commit mode; switching it on with a transaction open commits that transaction
   * (the JDBC rule).
   */
  public synchronized void setAutoCommit(boolean on) throws IOException {
    touch();
    if (on && tx != null) {
      commitOpen();
    }
    autoCommit = on;
  }

  /** SQL {@code BEGIN}: opens a transaction if none is open. */
  public synchronized void begin() {
    touch();
    if (tx == null) {
      tx = db.begin();
    }
  }

  /**
   * Commits the open transaction; without one, in auto-commit mode, acts as the durability barrier
   * ({@link Database#flush()}), as {@code commit()} always did on a Veles connection.
   */
  public synchronized void commit() throws IOException {
    touch();
    if (tx != null) {
      commitOpen();
    } else if (autoCommit) {
      db.flush();
    }
  }

  private void commitOpen() throws IOException {
    Transaction t = tx;
    tx = null;
    batchOwned = false;
    t.commit();
  }

  /** Rolls back the open transaction, if any. */
  public synchronized void rollback() throws IOException {
    touch();
    if (tx != null) {
      Transaction t = tx;
      tx = null;
      batchOwned = false;
      t.rollback();
    }
  }

  /** Sets savepoint {@code name}, opening a transaction first with auto-commit off. */
  public synchronized void savepoint(String name) {
    Transaction t = forWrite();
    if (t == null) {
      throw noTransaction("SAVEPOINT");
    }
    t.savepoint(name);
  }

  /** Rolls back to savepoint {@code name}. */
  public synchronized void rollbackTo(String name) throws IOException {
    touch();
    if (tx == null) {
      throw noTransaction("ROLLBACK TO SAVEPOINT");
    }
    try {
      tx.rollbackTo(name);
    } catch (dev.veles.engine.TransactionStateException e) {
      throw new VelesException(SqlState.INVALID_SAVEPOINT, e.getMessage());
    }
  }

  /** Releases savepoint {@code name}. */
  public synchronized void release(String name) {
    touch();
    if (tx == null) {
      throw noTransaction("RELEASE SAVEPOINT");
    }
    try {
      tx.release(name);
    } catch (dev.veles.engine.TransactionStateException e) {
      throw new VelesException(SqlState.INVALID_SAVEPOINT, e.getMessage());
    }
  }

  private static VelesException noTransaction(String what) {
    return new VelesException(
        SqlState.NO_ACTIVE_TRANSACTION,
        what + " needs an open transaction: use BEGIN or setAutoCommit(false) first");
  }

  /**
   * Refuses a schema change inside an open transaction (SQLSTATE 25001): DDL is not transactional
   * in Veles, and an implicit commit would surprise.
   */
  public synchronized void checkNoTransaction(String what) {
    if (tx != null) {
      throw new VelesException(
          SqlState.ACTIVE_TRANSACTION,
          what
              + " is not allowed inside a transaction: COMMIT or ROLLBACK first (schema changes"
              + " are not transactional)");
    }
  }

  /**
   * Starts a JDBC batch: in auto-commit mode the batch becomes one transaction; inside an open
   * transaction it is bounded by a savepoint, so a failed batch applies nothing either way.
   */
  public synchronized void beginBatch() {
    touch();
    if (tx == null && autoCommit) {
      tx = db.begin();
      batchOwned = true;
      return;
    }
    // Without auto-commit the batch belongs to the connection's transaction, even as its first
    // statement: it must not commit on its own.
    if (tx == null) {
      tx = db.begin();
    }
    tx.savepoint(BATCH_SAVEPOINT);
  }

  private static final String BATCH_SAVEPOINT = "$batch";

  /** Ends a batch begun by {@link #beginBatch()}: commits or releases it, or undoes all of it. */
  public synchronized void endBatch(boolean ok) throws IOException {
    touch();
    if (tx == null) {
      return; // ended inside the batch (a COMMIT statement in it)
    }
    if (batchOwned) {
      Transaction t = tx;
      tx = null;
      batchOwned = false;
      if (ok) {
        t.commit();
      } else {
        t.rollback();
      }
    } else if (ok) {
      tx.release(BATCH_SAVEPOINT);
    } else {
      tx.rollbackTo(BATCH_SAVEPOINT);
      tx.release(BATCH_SAVEPOINT);
    }
  }

  /** Rolls back an open transaction (the connection is closing). */
  public synchronized void close() {
    try {
      rollback();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
