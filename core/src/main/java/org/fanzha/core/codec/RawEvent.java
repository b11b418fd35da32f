package org.fanzha.core.codec;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The scalar fields of one JSON event as text, before validation; JSON null counts as absent. */
final class RawEvent {

  @Nullable String type;
  @Nullable String id;
  @Nullable String ts;
  boolean tsIsNumber;
  @Nullable String source;
  @Nullable String caller;
  @Nullable String callee;
  @Nullable String durationS;
  @Nullable String callerRegion;
  @Nullable String calleeRegion;
  @Nullable String callerImei;
  @Nullable String cell;
  @Nullable String displayed;
  @Nullable String sender;
  @Nullable String receiver;
  @Nullable String text;
  @Nullable String senderRegion;
  @Nullable String from;
  @Nullable String to;
  @Nullable String amount;
  @Nullable String currency;
  @Nullable String channel;
  @Nullable String fromPhone;
  @Nullable String toName;
  @Nullable String device;
  @Nullable String ip;
  @Nullable String region;
  @Nullable String kind;
  @Nullable String account;
  @Nullable String holder;
  @Nullable String phone;
  @Nullable String subscriber;
  @Nullable String target;
  @Nullable String reporter;
  @Nullable String fraudType;
  @Nullable String loss;
  @Nullable String entityKind;
  @Nullable String entity;
  @Nullable String role;
  @Nullable String list;
  @Nullable String action;
  @Nullable String entry;

  /** {@code targets}: kind and value pairs, in order; null entries where a part was missing. */
  @Nullable List<String @Nullable []> targets;

  @Nullable List<@Nullable String> transferIds;

  /** A structural problem found while reading (wrong JSON type for a field). */
  @Nullable FieldException structural;

  /** Whether the input rules apply (text check, strict types), not only those of stored data. */
  final boolean strict;

  RawEvent(boolean strict) {
    this.strict = strict;
  }

  /** Records a problem found while reading; the first one found is the one reported. */
  void fail(FieldException problem) {
    if (structural == null) {
      structural = problem;
    }
  }

  /** Stores a scalar field; returns false for a name the contract does not know (ignored). */
  boolean set(String name, @Nullable String value) {
    switch (name) {
      case "type" -> type = value;
      case "id" -> id = value;
      case "ts" -> ts = value;
      case "source" -> source = value;
      case "caller" -> caller = value;
      case "callee" -> callee = value;
      case "duration_s" -> durationS = value;
      case "caller_region" -> callerRegion = value;
      case "callee_region" -> calleeRegion = value;
      case "caller_imei" -> callerImei = value;
      case "cell" -> cell = value;
      case "displayed" -> displayed = value;
      case "sender" -> sender = value;
      case "receiver" -> receiver = value;
      case "text" -> text = value;
      case "sender_region" -> senderRegion = value;
      case "from" -> from = value;
      case "to" -> to = value;
      case "amount" -> amount = value;
      case "currency" -> currency = value;
      case "channel" -> channel = value;
      case "from_phone" -> fromPhone = value;
      case "to_name" -> toName = value;
      case "device" -> device = value;
      case "ip" -> ip = value;
      case "region" -> region = value;
      case "kind" -> kind = value;
      case "account" -> account = value;
      case "holder" -> holder = value;
      case "phone" -> phone = value;
      case "subscriber" -> subscriber = value;
      case "target" -> target = value;
      case "reporter" -> reporter = value;
      case "fraud_type" -> fraudType = value;
      case "loss" -> loss = value;
      case "entity_kind" -> entityKind = value;
      case "entity" -> entity = value;
      case "role" -> role = value;
      case "list" -> list = value;
      case "action" -> action = value;
      case "entry" -> entry = value;
      default -> {
        return false;
      }
    }
    return true;
  }

  List<String @Nullable []> targets() {
    if (targets == null) {
      targets = new ArrayList<>(2);
    }
    return targets;
  }

  List<@Nullable String> transferIds() {
    if (transferIds == null) {
      transferIds = new ArrayList<>(2);
    }
    return transferIds;
  }
}
