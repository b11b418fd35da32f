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

  @RuleField(
      name = "holders",
      meaning = "Distinct holders that opened cards or accounts here recently")
  public int holders() {
    return holders;
  }

  @RuleField(name = "phones", meaning = "Distinct phone numbers seen on this handset recently")
  public int phones() {
    return phones;
  }

  @RuleField(name = "accounts", meaning = "Distinct accounts that paid from here recently")
  public int accounts() {
    return accounts;
  }

  @RuleField(name = "openings", meaning = "Openings made here in total")
  public int openings() {
    return openings;
  }

  @RuleField(name = "listed", meaning = "The node is on the black list")
  public boolean listed() {
    return (flags & NodeTable.FLAG_LISTED) != 0;
  }

  @RuleField(
      name = "grey_listed",
      meaning = "On the grey list: suspected by an institution, to be watched, not blocked")
  public boolean greyListed() {
    return (flags & FeatureTable.FLAG_GREY) != 0;
  }

  @RuleField(
      name = "dealer_used",
      meaning = "A suspected card dealer opened cards or accounts here")
  public boolean dealerUsed() {
    return (flags & NodeTable.FLAG_DEALER_LINKED) != 0;
  }
}
