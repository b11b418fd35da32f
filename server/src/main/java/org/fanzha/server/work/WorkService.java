package org.fanzha.server.work;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fanzha.server.appeals.EvidenceFiles;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.OrderedIds;
import org.fanzha.store.Appeal;
import org.fanzha.store.Database;
import org.fanzha.store.WorkRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Works items: gives one to a person (oneself, or a colleague whose roles take that kind of work)
 * or to nobody, and adds notes, each with at most one file (PDF, PNG or JPEG, typed by its bytes).
 * Every change is audited.
 */
@Service
public class WorkService {
  private static final int MAX_NOTE = 2000;

  private final Database db;
  private final WorkItems items;
  private final UserDetailsService users;
  private final Clock clock;
  private final OrderedIds ids;

  WorkService(Database db, WorkItems items, UserDetailsService users, Clock clock) {
    this.db = db;
    this.items = items;
    this.users = users;
    this.clock = clock;
    this.ids = new OrderedIds("N", clock::millis);
  }

  /**
   * Gives an open item the caller may work to {@code assignee} (null: to nobody).
   *
   * @throws BadRequestException when the assignee is unknown or their roles do not take this kind
   *     of work
   */
  public WorkItem assign(
      String kind, String ref, @Nullable String assignee, @Nullable Authentication auth) {
    items.find(kind, ref, auth);
    Caller by = Caller.of(auth);
    if (assignee == null || assignee.isBlank()) {
      db.work().unassign(kind, ref);
      db.audit().recordChange(by.name(), by.rolesText(), "work.unassign:" + kind, "work", ref);
    } else {
      if (!WorkItems.kindsFor(rolesOf(assignee)).contains(kind)) {
        throw new BadRequestException("assignee: '" + assignee + "' does not work " + kind + "s");
      }
      db.work()
          .assign(new WorkRepository.Assignment(kind, ref, assignee, by.name(), clock.millis()));
      db.audit()
          .recordChange(
              by.name(), by.rolesText(), "work.assign:" + kind + ":" + assignee, "work", ref);
    }
    return items.find(kind, ref, auth);
  }

  /**
   * Adds a note (and a file) to an open item the caller may work.
   *
   * @throws BadRequestException for an empty or long note, or a refused file
   */
  public WorkRepository.Note note(
      String kind,
      String ref,
      String text,
      EvidenceFiles.@Nullable Received file,
      @Nullable Authentication auth) {
    items.find(kind, ref, auth);
    if (text.isBlank() || text.length() > MAX_NOTE) {
      throw new BadRequestException("text: 1–" + MAX_NOTE + " characters");
    }
    Appeal.File checked = file == null ? null : EvidenceFiles.check(List.of(file)).get(0);
    Caller by = Caller.of(auth);
    WorkRepository.Note n =
        new WorkRepository.Note(
            ids.next(),
            kind,
            ref,
            by.name(),
            clock.millis(),
            text.strip(),
            checked == null ? null : checked.name(),
            checked == null ? null : checked.contentType());
    db.work().addNote(n, checked);
    db.audit().recordChange(by.name(), by.rolesText(), "work.note:" + kind, "work", ref);
    return n;
  }

  /** An item's notes, oldest first, if the caller may work it. */
  public List<WorkRepository.Note> notes(String kind, String ref, @Nullable Authentication auth) {
    items.find(kind, ref, auth);
    return db.work().notes(kind, ref);
  }

  /** A note's file, if the caller may work its item; audited (a file may name people). */
  public Optional<Appeal.File> file(
      String kind, String ref, String noteId, @Nullable Authentication auth) {
    items.find(kind, ref, auth);
    Caller by = Caller.of(auth);
    db.audit()
        .recordChange(by.name(), by.rolesText(), "work.file:" + kind, "work", ref + "/" + noteId);
    return db.work().file(kind, ref, noteId);
  }

  private Caller rolesOf(String name) {
    UserDetails u;
    try {
      u = users.loadUserByUsername(name);
    } catch (UsernameNotFoundException e) {
      throw new BadRequestException("assignee: no staff user '" + name + "'");
    }
    return new Caller(
        name,
        u.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(Objects::nonNull)
            .map(a -> a.startsWith("ROLE_") ? a.substring(5) : a)
            .collect(Collectors.toSet()));
  }
}
