package org.fanzha.engine.features;

/** The features of one device or IP at one moment, as the rules read them; a reusable flyweight. */
public final class NodeFeatures {

  int holders;
  int phones;
  int accounts;
  int openings;
  int flags;

  /** Fills this view from the table for node {@code id} at time {@code now}. */
  public NodeFeatures load(NodeTable t, int id, long now) {
    holders = t.holders(id, now);
    phones = t.phones(id, now);
    accounts = t.accounts(id, now);
    openings = t.openings(id);
    flags = t.flags(id);
    return this;
  }

  /** Returns distinct holders that opened cards or accounts here recently. */
  public int holders() {
    return holders;
  }

  /** Returns distinct phone numbers seen on this handset recently. */
  public int phones() {
    return phones;
  }

  /** Returns distinct accounts that paid from here recently. */
  public int accounts() {
    return accounts;
  }

  /** Returns openings made here in total. */
  public int openings() {
    return openings;
  }

  /** Returns whether the node is on the black list. */
  public boolean listed() {
    return (flags & NodeTable.FLAG_LISTED) != 0;
  }

  /** Returns whether a suspected card dealer opened cards or accounts here. */
  public boolean dealerUsed() {
    return (flags & NodeTable.FLAG_DEALER_LINKED) != 0;
  }
}
