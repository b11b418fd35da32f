package org.fanzha.server.lists;

import java.util.List;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Decision;
import org.fanzha.store.ListEntry;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Names the list entries behind a decision that a listing decided ({@code *_LISTED}, {@code
 * HO_DISHONEST*}), so a bank holding a payment can tell the customer which listing and why. Asked
 * only when such a rule fired: the common decision costs no look-up.
 */
@Component
public class ListedParties {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ListService lists;

  ListedParties(ListService lists) {
    this.lists = lists;
  }

  /**
   * Returns the decision's JSON with {@code listings: [{id, list, reason, source, legal_basis}]}
   * added when listed.
   */
  public byte[] withListings(Decision d, byte[] decisionJson) {
    if (d.isNone()
        || d.reasons().stream()
            .map(Reason::code)
            .noneMatch(c -> c.endsWith("_LISTED") || c.startsWith("HO_DISHONEST"))) {
      return decisionJson;
    }
    ListKind kind = ListKind.fromWire(d.entityKind().wireName());
    List<ListEntry> entries =
        kind == null
            ? List.of()
            : lists.inForce(kind, d.entity()).stream()
                .filter(e -> e.list() == ListName.BLACK || e.list() == ListName.DISHONEST)
                .toList();
    if (entries.isEmpty()) {
      return decisionJson; // listed by a confirmed label, not an entry
    }
    ObjectNode n = (ObjectNode) JSON.readTree(decisionJson);
    ArrayNode a = n.putArray("listings");
    for (ListEntry e : entries) {
      ObjectNode o = a.addObject();
      o.put("id", e.id());
      o.put("list", e.list().wireName());
      o.put("reason", e.reason());
      o.put("source", e.source());
      o.put("legal_basis", e.legalBasis());
    }
    return JSON.writeValueAsBytes(n);
  }
}
