package org.fanzha.engine.scoring;

import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.Role;
import org.fanzha.engine.features.AccountTable;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.HolderTable;
import org.fanzha.engine.features.NodeTable;
import org.fanzha.engine.features.PhoneTable;

/**
 * Labels from analysts and partners: a role listed (black list) or cleared (white list, held risk
 * reset), entered in the risk lists too, and the entity scored again with its new standing.
 */
public final class LabelSteps {
  private final EngineState s;
  private final Evaluation eval;
  private final DecisionTally tally;

  public LabelSteps(EngineState s, Evaluation eval, DecisionTally tally) {
    this.s = s;
    this.eval = eval;
    this.tally = tally;
  }

  public void label(LabelEvent l) {
    long ts = l.ts();
    Role role = l.role();
    s.lists.apply(l.entityKind(), l.entity(), role, l.fraudType());
    int ft = l.fraudType() == null ? 0 : EpisodeTypes.code(l.fraudType());
    int roleBit = role == Role.NORMAL ? 0 : FeatureTable.bit(role);
    switch (l.entityKind()) {
      case PHONE -> {
        PhoneTable phones = s.phones;
        int p = phones.intern(l.entity());
        tally.primary(EntityKind.PHONE, p, l.entity());
        if (role == Role.NORMAL) {
          phones.clearFlags(p, PhoneTable.FLAG_LISTED);
          phones.setFlags(p, PhoneTable.FLAG_WHITELISTED);
          phones.setRisk(p, 0, 0, 0);
        } else if (role != Role.VICTIM) {
          phones.setFlags(p, PhoneTable.FLAG_LISTED);
          phones.clearFlags(p, PhoneTable.FLAG_WHITELISTED);
          if (ft != 0) {
            phones.fraudType(p, ft);
          }
        }
        eval.phone(p, ts);
        phones.raise(p, 0, 0, roleBit);
      }
      case ACCOUNT -> {
        AccountTable accounts = s.accounts;
        int a = accounts.intern(l.entity());
        tally.primary(EntityKind.ACCOUNT, a, l.entity());
        if (role == Role.NORMAL) {
          accounts.clearFlags(a, AccountTable.FLAG_LISTED);
          accounts.setFlags(a, AccountTable.FLAG_WHITELISTED);
          accounts.setRisk(a, 0, 0, 0);
        } else if (role != Role.VICTIM) {
          accounts.setFlags(a, AccountTable.FLAG_LISTED);
          accounts.clearFlags(a, AccountTable.FLAG_WHITELISTED);
          if (ft != 0) {
            accounts.fraudType(a, ft);
          }
        }
        eval.account(a, ts);
        accounts.raise(a, 0, 0, roleBit);
      }
      case HOLDER -> {
        HolderTable holders = s.holders;
        int h = holders.intern(l.entity());
        tally.primary(EntityKind.HOLDER, h, l.entity());
        if (role == Role.NORMAL) {
          holders.clearFlags(h, HolderTable.FLAG_LISTED);
          holders.setFlags(h, HolderTable.FLAG_WHITELISTED);
          holders.setRisk(h, 0, 0, 0);
        } else if (role != Role.VICTIM) {
          holders.setFlags(h, HolderTable.FLAG_LISTED);
          holders.clearFlags(h, HolderTable.FLAG_WHITELISTED);
        }
        eval.holder(h, ts);
        holders.raise(h, 0, 0, roleBit);
      }
      default -> {
        NodeTable t = l.entityKind() == EntityKind.IP ? s.ips : s.devices;
        int n = t.intern(l.entity());
        tally.primary(l.entityKind(), n, l.entity());
        if (role == Role.NORMAL) {
          t.clearFlags(n, NodeTable.FLAG_LISTED);
          t.setRisk(n, 0, 0, 0);
        } else if (role != Role.VICTIM) {
          t.setFlags(n, NodeTable.FLAG_LISTED);
        }
        eval.node(t, l.entityKind(), n, ts);
        t.raise(n, 0, 0, roleBit);
      }
    }
  }
}
