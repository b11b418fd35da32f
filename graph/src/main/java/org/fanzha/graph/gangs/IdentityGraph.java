package org.fanzha.graph.gangs;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntList;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.id.Identifiers;
import org.jspecify.annotations.Nullable;

/**
 * The strong links between entities, as events show them: a holder and the cards and accounts they
 * opened, the handset and network of an opening, the handset a card calls from, the handset and
 * network an account pays from, and money between accounts (summed per ordered pair). Kept
 * compactly (entities interned to ints, links as int lists), so a province's graph stays in memory;
 * {@link GangFinder} builds a JGraphT graph only of the suspects' neighbourhood. Not thread-safe.
 */
public final class IdentityGraph {

  private final Object2IntOpenHashMap<Node> ids = new Object2IntOpenHashMap<>();
  private final List<Node> nodes = new ArrayList<>();
  private final List<IntArrayList> links = new ArrayList<>();
  private final LongOpenHashSet linked = new LongOpenHashSet();

  /** Money between accounts: {@code payer << 32 | payee} → fen. */
  private final Long2LongOpenHashMap paid = new Long2LongOpenHashMap();

  /**
   * The phone that made a payment from an account, when the payment named it (the payer's person).
   */
  private final Object2IntOpenHashMap<Node> payerPhone = new Object2IntOpenHashMap<>();

  private long linksCount;

  public IdentityGraph() {
    ids.defaultReturnValue(-1);
    payerPhone.defaultReturnValue(-1);
  }

  /** Adds what one event shows; events of other types show no strong link. */
  public void add(Event e) {
    if (e instanceof OpeningEvent o) {
      Node holder = new Node(EntityKind.HOLDER, o.holder());
      Node card =
          new Node(
              o.kind() == OpeningKind.SIM ? EntityKind.PHONE : EntityKind.ACCOUNT, o.account());
      link(holder, card);
      link(holder, device(o.device()));
      link(holder, ip(o.ip()));
      if (o.phone() != null && o.kind() != OpeningKind.SIM) {
        link(card, new Node(EntityKind.PHONE, o.phone()));
      }
    } else if (e instanceof CallEvent c) {
      link(new Node(EntityKind.PHONE, c.caller()), device(c.callerImei()));
    } else if (e instanceof TransferEvent t && !Identifiers.isCashTerminal(t.to())) {
      Node from = new Node(EntityKind.ACCOUNT, t.from());
      Node to = new Node(EntityKind.ACCOUNT, t.to());
      long pair = (long) id(from) << 32 | (id(to) & 0xFFFF_FFFFL);
      paid.addTo(pair, t.amountFen());
      link(from, to);
      link(from, device(t.device()));
      link(from, ip(t.ip()));
      if (t.fromPhone() != null) {
        payerPhone.put(from, id(new Node(EntityKind.PHONE, t.fromPhone())));
      }
    }
  }

  private static @Nullable Node device(@Nullable String d) {
    return d == null ? null : new Node(EntityKind.DEVICE, d);
  }

  private static @Nullable Node ip(@Nullable String ip) {
    return ip == null ? null : new Node(EntityKind.IP, ip);
  }

  private void link(Node a, @Nullable Node b) {
    if (b == null) {
      return;
    }
    int x = id(a);
    int y = id(b);
    if (x == y || !linked.add((long) Math.min(x, y) << 32 | Math.max(x, y))) {
      return;
    }
    links.get(x).add(y);
    links.get(y).add(x);
    linksCount++;
  }

  private int id(Node n) {
    int i = ids.getInt(n);
    if (i < 0) {
      i = nodes.size();
      ids.put(n, i);
      nodes.add(n);
      links.add(new IntArrayList(2));
    }
    return i;
  }

  /** Returns the id of an entity, or -1 when no event linked it. */
  public int find(Node n) {
    return ids.getInt(n);
  }

  /** Returns the entity of an id. */
  public Node node(int id) {
    return nodes.get(id);
  }

  /** Returns the entities linked to {@code id}. */
  public IntList neighbours(int id) {
    return links.get(id);
  }

  /** Returns the fen account {@code payer} sent account {@code payee} (0: none). */
  public long paid(int payer, int payee) {
    return paid.get((long) payer << 32 | (payee & 0xFFFF_FFFFL));
  }

  /** Returns the phone named by payments from account {@code account}, if any. */
  public @Nullable Node payerPhone(Node account) {
    int p = payerPhone.getInt(account);
    return p < 0 ? null : nodes.get(p);
  }

  /** Returns how many entities the graph holds. */
  public int size() {
    return nodes.size();
  }

  /** Returns how many links it holds. */
  public long links() {
    return linksCount;
  }
}
