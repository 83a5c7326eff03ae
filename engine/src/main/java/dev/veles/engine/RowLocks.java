package dev.veles.engine;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The row locks of one collection: which open {@link Transaction} wrote which row id.
 *
 * <p>A transaction locks a row when it first writes it and keeps the lock until it commits or rolls
 * back; a second writer of the row, transaction or single write call, fails at once with a {@link
 * WriteConflictException} (no waiting, so no deadlock). A transaction registers with a collection
 * once, under the collection's writer lock, before it locks its first row there: so a single write
 * call, which runs under that writer lock, sees either no registered transaction (and checks
 * nothing: the fast path) or every lock that could touch its rows.
 *
 * <p>Thread-safe.
 */
final class RowLocks {
  private final String collection;
  private final ConcurrentHashMap<Long, Transaction> owners = new ConcurrentHashMap<>();

  /** Unique-key values written by open transactions: see {@link #lockKey}. */
  private final ConcurrentHashMap<KeyLock, Transaction> keyOwners = new ConcurrentHashMap<>();

  /** Key {@code k}'s value {@code value}. */
  private record KeyLock(int k, Object value) {}

  private volatile int registered;

  RowLocks(String collection) {
    this.collection = collection;
  }

  /** Counts a transaction that will lock rows here; the caller holds the writer lock. */
  synchronized void register() {
    registered++;
  }

  /** Undoes one {@link #register()}. */
  synchronized void unregister() {
    registered--;
    assert registered >= 0;
  }

  /** Whether some open transaction may hold locks here (read under the writer lock). */
  boolean active() {
    return registered > 0;
  }

  /**
   * Locks {@code id} for {@code tx}.
   *
   * @return true if newly locked, false if {@code tx} already held it
   * @throws WriteConflictException if another transaction holds it
   */
  boolean lock(long id, Transaction tx) {
    Transaction prior = owners.putIfAbsent(id, tx);
    if (prior == null) {
      return true;
    }
    if (prior != tx) {
      throw new WriteConflictException(collection, id);
    }
    return false;
  }

  /** Releases {@code id} if {@code tx} holds it. */
  void unlock(long id, Transaction tx) {
    owners.remove(id, tx);
  }

  /**
   * Fails if a transaction other than {@code self} ({@code null} for a single write call) holds
   * {@code id}.
   */
  void check(long id, Transaction self) {
    Transaction owner = owners.get(id);
    if (owner != null && owner != self) {
      throw new WriteConflictException(collection, id);
    }
  }

  /**
   * Locks the value {@code value} of unique key {@code k} for {@code tx}, so that two open
   * transactions cannot both write a row with that key: the second fails at once.
   *
   * @return true if newly locked, false if {@code tx} already held it
   * @throws WriteConflictException if another transaction holds it
   */
  boolean lockKey(int k, Object value, Transaction tx) {
    Transaction prior = keyOwners.putIfAbsent(new KeyLock(k, value), tx);
    if (prior == null) {
      return true;
    }
    if (prior != tx) {
      throw new WriteConflictException(collection, "key " + value);
    }
    return false;
  }

  /** Releases a key value if {@code tx} holds it. */
  void unlockKey(int k, Object value, Transaction tx) {
    keyOwners.remove(new KeyLock(k, value), tx);
  }

  /** Fails if a transaction other than {@code self} holds the value of key {@code k}. */
  void checkKey(int k, Object value, Transaction self) {
    Transaction owner = keyOwners.get(new KeyLock(k, value));
    if (owner != null && owner != self) {
      throw new WriteConflictException(collection, "key " + value);
    }
  }
}
