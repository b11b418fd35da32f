package org.fanzha.server.users;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Grants;
import org.fanzha.store.Database;
import org.fanzha.store.StaffUser;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creates and finds named staff users; every creation is audited. */
@Service
public class UserService {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
  private static final int MIN_PASSWORD = 12;

  private final Database db;
  private final PasswordEncoder encoder;
  private final Clock clock;

  UserService(Database db, PasswordEncoder encoder, Clock clock) {
    this.db = db;
    this.encoder = encoder;
    this.clock = clock;
  }

  /** A user name that is taken. */
  public static final class NameTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NameTaken(String name) {
      super("user '" + name + "' exists already");
    }
  }

  /**
   * Creates a user; the password is stored only as a hash.
   *
   * @throws BadRequestException naming the field that is wrong
   * @throws NameTaken when the name is taken (a configured account's name counts as taken)
   */
  public StaffUser create(
      Caller by,
      String name,
      String password,
      List<String> roles,
      List<String> regions,
      Set<String> reservedNames) {
    if (!NAME.matcher(name).matches()) {
      throw new BadRequestException(
          "name: 2–64 lower-case letters, digits and . _ -, starting with a letter; not '"
              + name
              + "'");
    }
    if (password.length() < MIN_PASSWORD || password.isBlank()) {
      throw new BadRequestException("password: at least " + MIN_PASSWORD + " characters");
    }
    Set<String> r = Grants.roles(roles);
    List<String> g = Grants.regions(regions);
    if (reservedNames.contains(name)) {
      throw new NameTaken(name);
    }
    StaffUser u =
        new StaffUser(name, encoder.encode(password), r, g, true, clock.millis(), by.name());
    if (!db.users().insert(u)) {
      throw new NameTaken(name);
    }
    db.audit()
        .recordChange(
            by.name(), by.rolesText(), "user.create:" + String.join("+", r), "user", name);
    return u;
  }

  /** Returns every stored user. */
  public List<StaffUser> list() {
    return db.users().list();
  }
}
