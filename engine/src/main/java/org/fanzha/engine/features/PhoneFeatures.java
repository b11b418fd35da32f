package org.fanzha.engine.features;

import org.jspecify.annotations.Nullable;

/**
 * The features of one phone at one moment, as the rules read them. A reusable flyweight: {@link
 * #load} overwrites every field, so the engine keeps one instance and allocates nothing per event.
 */
public final class PhoneFeatures {

  private final ModelSlot model = new ModelSlot();
  private final int[] counts = new int[10];
  int outCalls;
  int answered;
  int shortCalls;
  int longCalls;
  int nightCalls;
  int firstContacts;
  int callbacks;
  int smsOut;
  int smsFraud;
  int distinctContacts;
  double cardAgeDays;
  int imeiPhones;
  int cellPhones;
  int reports;
  int reporters;
  int victimLinks;
  int longFirstContacts;
  int flags;
  int victimStage;
  boolean serviceNumber;
  int spoofedCalls;
  int activeDays;
  int handsetSwitches;
  boolean realName;
  int heldScore;

  /** Fills this view from the tables for phone {@code id} at time {@code now}. */
  public PhoneFeatures load(PhoneTable t, int id, long now, int victimStage) {
    int[] c = counts;
    t.sums(id, now, c);
    outCalls = c[PhoneTable.OUT];
    answered = c[PhoneTable.ANSWERED];
    shortCalls = c[PhoneTable.SHORT];
    longCalls = c[PhoneTable.LONG];
    nightCalls = c[PhoneTable.NIGHT];
    firstContacts = c[PhoneTable.FIRST_CONTACT];
    callbacks = c[PhoneTable.CALLBACK];
    smsOut = c[PhoneTable.SMS_OUT];
    smsFraud = c[PhoneTable.SMS_FRAUD];
    distinctContacts = t.distinctContacts(id, now);
    cardAgeDays = t.cardAgeDays(id, now);
    imeiPhones = t.imeiPhones(id);
    cellPhones = t.cellPhones(id);
    spoofedCalls = t.spoofedCalls(id);
    activeDays = t.activeDays(id, now);
    handsetSwitches = t.handsetSwitches(id, now);
    realName = t.holder(id) >= 0;
    heldScore = t.score(id);
    reports = t.reports(id);
    reporters = t.reporters(id);
    victimLinks = t.victimLinks(id);
    longFirstContacts = t.longFirstContacts(id);
    flags = t.flags(id);
    this.victimStage = victimStage;
    int first = t.firstByte(id); // read in place: no String made for each score
    serviceNumber = first >= 0 && first != '+';
    model.reset();
    return this;
  }

  /**
   * Fills this view with what is known of phone {@code id} as a person who may be being defrauded
   * (decision 0023): the victim stage, the list flags and whether it is a service number; every
   * count of the phone's own calling is zero and the card age unknown, and there is no model score.
   * The rules' victim role reads this; a keyed runner keeps only these fields where it keeps
   * people.
   */
  public PhoneFeatures loadPerson(PhoneTable t, int id, int victimStage) {
    outCalls = 0;
    answered = 0;
    shortCalls = 0;
    longCalls = 0;
    nightCalls = 0;
    firstContacts = 0;
    callbacks = 0;
    smsOut = 0;
    smsFraud = 0;
    distinctContacts = 0;
    cardAgeDays = -1;
    imeiPhones = 0;
    cellPhones = 0;
    spoofedCalls = 0;
    activeDays = 0;
    handsetSwitches = 0;
    realName = false;
    heldScore = 0;
    reports = 0;
    reporters = 0;
    victimLinks = 0;
    longFirstContacts = 0;
    flags = t.flags(id);
    this.victimStage = victimStage;
    int first = t.firstByte(id);
    serviceNumber = first >= 0 && first != '+';
    model.none();
    return this;
  }

  /**
   * Scores with {@code m} from the next load on ({@code null}: no model, {@code model_score} is
   * missing).
   */
  public PhoneFeatures useModel(@Nullable FeatureModel m) {
    model.use(m);
    return this;
  }

  @RuleField(
      name = "model_score",
      meaning =
          "The trained model's probability (0–1) that this phone is a fraud number, from the features here; missing when no model is loaded")
  public double modelScore() {
    return model.score(this);
  }

  @RuleField(name = "out_calls", meaning = "Outgoing calls in the window")
  public int outCalls() {
    return outCalls;
  }

  @RuleField(
      name = "answer_rate",
      meaning = "The share of outgoing calls answered (1 when there were none)")
  public double answerRate() {
    return outCalls == 0 ? 1 : (double) answered / outCalls;
  }

  @RuleField(name = "short_share", meaning = "The share of answered calls that were short")
  public double shortShare() {
    return answered == 0 ? 0 : (double) shortCalls / answered;
  }

  @RuleField(name = "long_calls", meaning = "Answered calls of long duration in the window")
  public int longCalls() {
    return longCalls;
  }

  @RuleField(name = "night_share", meaning = "The share of outgoing calls made at night")
  public double nightShare() {
    return outCalls == 0 ? 0 : (double) nightCalls / outCalls;
  }

  @RuleField(
      name = "first_contact_share",
      meaning = "The share of outgoing calls to numbers this phone never called before")
  public double firstContactShare() {
    return outCalls == 0 ? 0 : (double) firstContacts / outCalls;
  }

  @RuleField(
      name = "callbacks",
      meaning = "Calls back from numbers this phone had called, in the window")
  public int callbacks() {
    return callbacks;
  }

  @RuleField(name = "callback_rate", meaning = "Callbacks per distinct contact")
  public double callbackRate() {
    return distinctContacts == 0 ? 0 : (double) callbacks / distinctContacts;
  }

  @RuleField(name = "sms_out", meaning = "SMS sent in the window")
  public int smsOut() {
    return smsOut;
  }

  @RuleField(
      name = "sms_fraud",
      meaning = "SMS judged fraudulent by the content classifier in the window")
  public int smsFraud() {
    return smsFraud;
  }

  @RuleField(
      name = "distinct_contacts",
      meaning = "The estimated distinct callees and SMS receivers over the last 12–24 hours")
  public int estimatedDistinctContacts() {
    return distinctContacts;
  }

  @RuleField(
      name = "card_age_days",
      meaning = "The card age in days, or -1 when its opening was not seen")
  public double cardAgeDays() {
    return cardAgeDays;
  }

  @RuleField(
      name = "imei_phones",
      meaning = "The distinct numbers seen on this phone's handset (IMEI) recently")
  public int imeiPhones() {
    return imeiPhones;
  }

  @RuleField(
      name = "cell_phones",
      meaning = "The distinct numbers seen calling from this phone's cell recently")
  public int cellPhones() {
    return cellPhones;
  }

  @RuleField(
      name = "spoofed_calls",
      meaning = "Calls that displayed another number than the caller's (spoofing, 改号)")
  public int spoofedCalls() {
    return spoofedCalls;
  }

  @RuleField(
      name = "active_days",
      meaning = "Days among the last 30 on which this phone called or texted (regular use)")
  public int activeDays() {
    return activeDays;
  }

  @RuleField(
      name = "handset_switches",
      meaning =
          "Times within a day its calls switched handsets minutes apart"
              + " (a card shared, cloned or kept apart from its phone: 机卡分离)")
  public int handsetSwitches() {
    return handsetSwitches;
  }

  @RuleField(
      name = "real_name",
      meaning = "The card's opening was seen with its holder (实名): who holds it is known")
  public boolean realName() {
    return realName;
  }

  @RuleField(
      name = "held_score",
      meaning =
          "The risk (0–100) the engine already holds for this phone as a number, "
              + "before this evaluation: for the subscriber score, not for the rules that set it")
  public int heldScore() {
    return heldScore;
  }

  @RuleField(name = "reports", meaning = "Reports naming this phone")
  public int reports() {
    return reports;
  }

  @RuleField(name = "reporters", meaning = "Distinct reporters naming this phone")
  public int reporters() {
    return reporters;
  }

  @RuleField(
      name = "victim_links",
      meaning = "Victims whose losses followed a call from this phone")
  public int victimLinks() {
    return victimLinks;
  }

  @RuleField(
      name = "long_first_contacts",
      meaning =
          "Strangers this phone kept on a long first call (the people a victim link can point back to), up to 255")
  public int longFirstContacts() {
    return longFirstContacts;
  }

  @RuleField(
      name = "service_number",
      meaning =
          "This is a short service number (95588, 10086 …): registered with the operator, its calls come from the institution's own trunk")
  public boolean serviceNumber() {
    return serviceNumber;
  }

  @RuleField(name = "listed", meaning = "The phone is on the black list (a confirmed fraud number)")
  public boolean listed() {
    return (flags & PhoneTable.FLAG_LISTED) != 0;
  }

  @RuleField(
      name = "grey_listed",
      meaning = "On the grey list: suspected by an institution, to be watched, not blocked")
  public boolean greyListed() {
    return (flags & FeatureTable.FLAG_GREY) != 0;
  }

  @RuleField(name = "whitelisted", meaning = "The phone was cleared (a label normal or an appeal)")
  public boolean whitelisted() {
    return (flags & PhoneTable.FLAG_WHITELISTED) != 0;
  }

  @RuleField(name = "dealer_linked", meaning = "The card was opened by a suspected card dealer")
  public boolean dealerLinked() {
    return (flags & PhoneTable.FLAG_DEALER_LINKED) != 0;
  }

  /**
   * Returns how far the phone's owner has gone in a suspected fraud episode as a victim: bit 1 a
   * long call from a suspected number or fraudulent content, bit 2 screen sharing or remote
   * control, bit 4 money paid.
   */
  public int victimStage() {
    return victimStage;
  }

  @RuleField(
      name = "victim_contacted",
      meaning =
          "The owner is in a suspected fraud episode: a long call from a suspected number or fraudulent content")
  public boolean victimContacted() {
    return (victimStage & 1) != 0;
  }

  @RuleField(
      name = "victim_remote",
      meaning = "In that episode the owner opened screen sharing or remote control")
  public boolean victimRemote() {
    return (victimStage & 2) != 0;
  }

  @RuleField(name = "victim_paid", meaning = "In that episode the owner paid a suspicious account")
  public boolean victimPaid() {
    return (victimStage & 4) != 0;
  }
}
