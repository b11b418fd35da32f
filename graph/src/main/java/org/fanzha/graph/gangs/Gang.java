package org.fanzha.graph.gangs;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One group of suspects and the people, cards, accounts, handsets and networks that tie them
 * together.
 *
 * @param id stable while its first member (in {@link Node} order) stays in it
 * @param members everyone in it with the role they play
 * @param links the strong links between members, for drawing (money between accounts with its sum)
 * @param victims the accounts outside it that paid its mule accounts, largest first
 * @param lossFen what those victims paid it
 * @param actFirst the members to act on first: dealers and farms (the source of cards), first-tier
 *     mule accounts by the money they took (what can still be frozen), then callers
 */
public record Gang(
    String id,
    List<Member> members,
    List<Link> links,
    List<Victim> victims,
    long lossFen,
    List<Node> actFirst) {

  public Gang {
    members = List.copyOf(members);
    links = List.copyOf(links);
    victims = List.copyOf(victims);
    actFirst = List.copyOf(actFirst);
  }

  /**
   * A member: {@code role} is dealer, holder, farm, infrastructure, caller, card, mule or account;
   * {@code tier} the mule tier (1: paid by victims; 0: none or not known).
   */
  public record Member(Node node, String role, int tier) {}

  /** A link between two members; {@code fen} the money {@code a} paid {@code b} (0: not money). */
  public record Link(Node a, Node b, long fen) {}

  /** A victim account, the phone its payments named, and what it paid the gang. */
  public record Victim(Node account, @Nullable Node phone, long fen) {}
}
