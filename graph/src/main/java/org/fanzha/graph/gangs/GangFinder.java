package org.fanzha.graph.gangs;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.jgrapht.Graph;
import org.jgrapht.alg.clustering.GreedyModularityAlgorithm;
import org.jgrapht.alg.clustering.LabelPropagationClustering;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * Finds gangs in an identity graph: the suspects (entities held as fraud numbers, mules or card
 * dealers), the holders of their cards and accounts, the cards and accounts of suspected holders
 * (what a dealer opened), and the handsets and networks at least two of those share, are joined by
 * the links between them; each connected group is a gang. A group too large to be one is split into
 * the communities that maximise modularity (JGraphT's greedy Clauset–Newman–Moore algorithm; label
 * propagation, tried first, left a 957-member group of the 1 M-entity bench whole). A group too
 * large for that algorithm's merging, which grows with the square of its size (5 s at 3,000 members
 * of 40 links each, 19 s at 6,000), is first cut by label propagation (about a second at 20,000),
 * and its parts of at most 2,000 by modularity (larger ones stay as label propagation left them). A
 * handset or network with very many links (a bank's gateway, a café's Wi-Fi) joins nothing, and
 * neither does a cash-out point: an account two or more members paid that paid none of them (an OTC
 * trader or a 承兑商 serving several gangs; also a gang's own collector, which then goes back to it)
 * goes with the group that paid it most. Vertices are taken in a sorted order, so the same graph
 * gives the same gangs in every process.
 */
public final class GangFinder {

  /** How gangs are cut: hubs, the largest group kept whole, what makes a handset a farm. */
  public record Settings(int maxHubLinks, int maxGangSize, int farmPhones) {
    /** 50 links make a hub, 200 members a group to split, 3 numbers on one handset a farm. */
    public static final Settings DEFAULT = new Settings(50, 200, 3);
  }

  /** The held score from which a suspect's gang is searched for, unless a server sets another. */
  public static final int DEFAULT_SUSPECT_SCORE = 70;

  /** The roles that make a held entity a suspect gangs form around. */
  public static final Set<Role> SUSPECT_ROLES =
      Set.of(Role.FRAUD_NUMBER, Role.MULE, Role.CARD_DEALER);

  /** Returns whether an entity held with these roles is a suspect gangs form around. */
  public static boolean suspect(Set<Role> roles) {
    return roles.stream().anyMatch(SUSPECT_ROLES::contains);
  }

  /**
   * The largest group split by modularity directly: about 2 s for the densest groups measured, far
   * less for a gang's sparse links.
   */
  static final int MAX_MODULARITY_MEMBERS = 2_000;

  private static final int LABEL_ROUNDS = 50;

  private final Settings settings;

  public GangFinder(Settings settings) {
    this.settings = settings;
  }

  /**
   * Returns the gangs of {@code g} around {@code suspects} (entity → suspected roles), largest loss
   * first.
   */
  public List<Gang> find(IdentityGraph g, Map<Node, Set<Role>> suspects) {
    IntSet members = new IntOpenHashSet();
    for (Node n : suspects.keySet()) {
      int id = g.find(n);
      if (id >= 0) {
        members.add(id);
      }
    }
    IntSet suspected = new IntOpenHashSet(members);
    for (int s : new IntArrayList(members)) {
      EntityKind k = g.node(s).kind();
      for (int n : g.neighbours(s)) {
        EntityKind nk = g.node(n).kind();
        boolean holderOfSuspect =
            (k == EntityKind.PHONE || k == EntityKind.ACCOUNT) && nk == EntityKind.HOLDER;
        boolean cardOfSuspect =
            k == EntityKind.HOLDER && (nk == EntityKind.PHONE || nk == EntityKind.ACCOUNT);
        if (holderOfSuspect || cardOfSuspect) {
          members.add(n);
        }
      }
    }
    addSharedInfrastructure(g, members);
    Graph<Node, DefaultEdge> graph = new SimpleGraph<>(DefaultEdge.class);
    for (int m : members) {
      graph.addVertex(g.node(m));
    }
    for (int m : members) {
      for (int n : g.neighbours(m)) {
        boolean viaHub = hub(g, m) && !suspected.contains(m) || hub(g, n) && !suspected.contains(n);
        if (m < n && members.contains(n) && !viaHub) {
          graph.addEdge(g.node(m), g.node(n));
        }
      }
    }
    List<Gang> gangs = new ArrayList<>();
    for (Set<Node> group : groups(g, graph)) {
      for (Set<Node> part : split(graph, group)) {
        if (part.size() >= 2 && part.stream().anyMatch(suspects::containsKey)) {
          gangs.add(gang(g, part, suspects));
        }
      }
    }
    gangs.sort(
        Comparator.comparingLong(Gang::lossFen)
            .reversed()
            .thenComparing(x -> -x.members().size())
            .thenComparing(Gang::id));
    return gangs;
  }

  /**
   * The connected groups of {@code graph}, but that a cash-out point joins none: an account paid by
   * two or more members and paying none is set aside, the rest grouped, and it then goes with the
   * one group its neighbours are in, or, when they are in several, with the group that paid it
   * most. Seen on simulated worlds whose gangs keep apart: the OTC traders that buy every gang's
   * money made one group of four gangs.
   */
  private static List<Set<Node>> groups(IdentityGraph g, Graph<Node, DefaultEdge> graph) {
    List<Node> sinks = new ArrayList<>();
    for (Node n : graph.vertexSet()) {
      if (n.kind() == EntityKind.ACCOUNT && cashOutPoint(g, graph, n)) {
        sinks.add(n);
      }
    }
    if (sinks.isEmpty()) {
      return new ConnectivityInspector<>(graph).connectedSets();
    }
    Set<Node> rest = new java.util.LinkedHashSet<>(graph.vertexSet()); // in the graph's order
    sinks.forEach(rest::remove);
    List<Set<Node>> groups =
        new ArrayList<>(new ConnectivityInspector<>(new AsSubgraph<>(graph, rest)).connectedSets());
    Map<Node, Integer> groupOf = new HashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      for (Node n : groups.get(i)) {
        groupOf.put(n, i);
      }
    }
    for (Node sink : sinks) {
      int a = g.find(sink);
      Map<Integer, Long> paidBy = new HashMap<>();
      for (Node n : org.jgrapht.Graphs.neighborListOf(graph, sink)) {
        Integer i = groupOf.get(n);
        if (i != null) {
          paidBy.merge(i, g.paid(g.find(n), a), Long::sum);
        }
      }
      if (paidBy.isEmpty()) {
        groups.add(new java.util.HashSet<>(Set.of(sink))); // only other cash-out points: alone
        continue;
      }
      int best =
          paidBy.entrySet().stream()
              .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(e -> -e.getKey()))
              .orElseThrow()
              .getKey();
      groups.get(best).add(sink);
    }
    return groups;
  }

  /** An account that two or more members paid and that paid none of them. */
  private static boolean cashOutPoint(IdentityGraph g, Graph<Node, DefaultEdge> graph, Node n) {
    int a = g.find(n);
    int payers = 0;
    for (Node m : org.jgrapht.Graphs.neighborListOf(graph, n)) {
      int b = g.find(m);
      if (g.paid(a, b) > 0) {
        return false;
      }
      payers += g.paid(b, a) > 0 ? 1 : 0;
    }
    return payers >= 2;
  }

  /** Handsets and networks that two or more members used, unless they are hubs. */
  private void addSharedInfrastructure(IdentityGraph g, IntSet members) {
    Map<Integer, Integer> uses = new HashMap<>();
    for (int m : members) {
      for (int n : g.neighbours(m)) {
        EntityKind k = g.node(n).kind();
        if ((k == EntityKind.DEVICE || k == EntityKind.IP) && !hub(g, n)) {
          uses.merge(n, 1, Integer::sum);
        }
      }
    }
    uses.forEach(
        (n, count) -> {
          if (count >= 2) {
            members.add((int) n);
          }
        });
  }

  private boolean hub(IdentityGraph g, int id) {
    EntityKind k = g.node(id).kind();
    return (k == EntityKind.DEVICE || k == EntityKind.IP)
        && g.neighbours(id).size() > settings.maxHubLinks();
  }

  private List<Set<Node>> split(Graph<Node, DefaultEdge> graph, Set<Node> group) {
    if (group.size() <= settings.maxGangSize()) {
      return List.of(group);
    }
    if (group.size() <= MAX_MODULARITY_MEMBERS) {
      return modularity(graph, group);
    }
    List<Set<Node>> parts = new ArrayList<>();
    Graph<Node, DefaultEdge> sub = induced(graph, group);
    // a fixed seed over sorted vertices: the same graph gives the same gangs, in any process (a
    // node's hash, through its kind's enum, differs from one process to the next)
    for (Set<Node> part :
        new LabelPropagationClustering<>(sub, LABEL_ROUNDS, new Random(1))
            .getClustering()
            .getClusters()) {
      boolean modularityFits =
          part.size() > settings.maxGangSize() && part.size() <= MAX_MODULARITY_MEMBERS;
      parts.addAll(modularityFits ? modularity(graph, part) : List.of(part));
    }
    return parts;
  }

  private static List<Set<Node>> modularity(Graph<Node, DefaultEdge> graph, Set<Node> group) {
    return new GreedyModularityAlgorithm<>(induced(graph, group)).getClustering().getClusters();
  }

  /**
   * The group as a graph of its own, its vertices sorted and its edges in the whole graph's order.
   * A subgraph view answers each vertex's edges by filtering all of them in the whole graph: under
   * a load where 20,000 accounts all turned mule, that filtering was half of the gang search's
   * time.
   */
  private static Graph<Node, DefaultEdge> induced(Graph<Node, DefaultEdge> graph, Set<Node> group) {
    Graph<Node, DefaultEdge> copy = new SimpleGraph<>(DefaultEdge.class);
    org.jgrapht.Graphs.addGraph(copy, new AsSubgraph<>(graph, sorted(group)));
    return copy;
  }

  private static Set<Node> sorted(Set<Node> group) {
    return new java.util.LinkedHashSet<>(new java.util.TreeSet<>(group));
  }

  private Gang gang(IdentityGraph g, Set<Node> part, Map<Node, Set<Role>> suspects) {
    List<Node> sorted = part.stream().sorted().toList();
    Map<Node, Integer> tiers = muleTiers(g, part, suspects);
    List<Gang.Member> members = new ArrayList<>();
    for (Node n : sorted) {
      members.add(
          new Gang.Member(
              n, role(g, n, suspects.getOrDefault(n, Set.of()), tiers), tiers.getOrDefault(n, 0)));
    }
    List<Gang.Link> links = new ArrayList<>();
    Map<Node, Long> inflow = new HashMap<>();
    List<Gang.Victim> victims = new ArrayList<>();
    long loss = 0;
    for (Node n : sorted) {
      int a = g.find(n);
      for (int b : g.neighbours(a)) {
        Node other = g.node(b);
        if (part.contains(other) && n.compareTo(other) < 0) {
          links.add(new Gang.Link(n, other, Math.max(g.paid(a, b), g.paid(b, a))));
        }
        long in = n.kind() == EntityKind.ACCOUNT ? g.paid(b, a) : 0;
        if (in > 0) {
          inflow.merge(n, in, Long::sum);
          if (!part.contains(other) && tiers.getOrDefault(n, 0) == 1) {
            victims.add(new Gang.Victim(other, g.payerPhone(other), in));
            loss += in;
          }
        }
      }
    }
    victims.sort(
        Comparator.comparingLong(Gang.Victim::fen)
            .reversed()
            .thenComparing(v -> v.account().value()));
    return new Gang(
        "G-" + Integer.toHexString(sorted.get(0).toString().hashCode() & 0x7FFF_FFFF),
        members,
        links,
        victims,
        loss,
        actFirst(members, inflow));
  }

  /**
   * The mule tier of each suspected mule account: 1 when money came to it from outside the gang (a
   * victim), k + 1 when it came from a tier-k mule; 0 when no money path from outside reaches it.
   */
  private static Map<Node, Integer> muleTiers(
      IdentityGraph g, Set<Node> part, Map<Node, Set<Role>> suspects) {
    Map<Node, Integer> tiers = new HashMap<>();
    ArrayDeque<Node> queue = new ArrayDeque<>();
    for (Node n : part) {
      if (!suspects.getOrDefault(n, Set.of()).contains(Role.MULE)) {
        continue;
      }
      int a = g.find(n);
      for (int b : g.neighbours(a)) {
        if (!part.contains(g.node(b)) && g.paid(b, a) > 0) {
          tiers.put(n, 1);
          queue.add(n);
          break;
        }
      }
    }
    while (!queue.isEmpty()) {
      Node n = queue.poll();
      int a = g.find(n);
      for (int b : g.neighbours(a)) {
        Node next = g.node(b);
        if (part.contains(next)
            && !tiers.containsKey(next)
            && g.paid(a, b) > 0
            && suspects.getOrDefault(next, Set.of()).contains(Role.MULE)) {
          tiers.put(next, Objects.requireNonNull(tiers.get(n)) + 1);
          queue.add(next);
        }
      }
    }
    return tiers;
  }

  private String role(IdentityGraph g, Node n, Set<Role> roles, Map<Node, Integer> tiers) {
    return switch (n.kind()) {
      case HOLDER -> roles.contains(Role.CARD_DEALER) ? "dealer" : "holder";
      case PHONE -> roles.contains(Role.FRAUD_NUMBER) ? "caller" : "card";
      case ACCOUNT -> roles.contains(Role.MULE) ? "mule" : "account";
      case DEVICE ->
          roles.contains(Role.FRAUD_NUMBER) || phones(g, n) >= settings.farmPhones()
              ? "farm"
              : "infrastructure";
      default -> "infrastructure";
    };
  }

  private static int phones(IdentityGraph g, Node device) {
    int count = 0;
    for (int n : g.neighbours(g.find(device))) {
      if (g.node(n).kind() == EntityKind.PHONE) {
        count++;
      }
    }
    return count;
  }

  private static List<Node> actFirst(List<Gang.Member> members, Map<Node, Long> inflow) {
    Comparator<Gang.Member> order =
        Comparator.comparingInt(
                (Gang.Member m) ->
                    switch (m.role()) {
                      case "dealer" -> 0;
                      case "farm" -> 1;
                      case "mule" -> m.tier() == 1 ? 2 : 4;
                      case "caller" -> 3;
                      default -> 5;
                    })
            .thenComparing(m -> -inflow.getOrDefault(m.node(), 0L))
            .thenComparing(Gang.Member::node);
    return members.stream()
        .filter(
            m ->
                !m.role().equals("holder")
                    && !m.role().equals("infrastructure")
                    && !m.role().equals("card")
                    && !m.role().equals("account"))
        .sorted(order)
        .limit(5)
        .map(Gang.Member::node)
        .toList();
  }
}
