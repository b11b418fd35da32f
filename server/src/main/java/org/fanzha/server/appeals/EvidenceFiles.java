package org.fanzha.server.appeals;

import java.util.List;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.store.Appeal;

/**
 * What evidence files an appeal may carry: at most {@link #MAX_FILES}, each at most {@link
 * #MAX_BYTES}, and only PDF, PNG or JPEG, told by their first bytes (a declared type or a file name
 * proves nothing). The stored type is the one found, the name keeps no path.
 */
public final class EvidenceFiles {

  public static final int MAX_FILES = 3;
  public static final int MAX_BYTES = 5 * 1024 * 1024;

  private EvidenceFiles() {}

  /** A file as received: its name as sent and its bytes. */
  public record Received(String name, byte[] content) {}

  /**
   * Returns the files checked, typed by content.
   *
   * @throws BadRequestException naming {@code files[i]} and why it is refused
   */
  public static List<Appeal.File> check(List<Received> files) {
    if (files.size() > MAX_FILES) {
      throw new BadRequestException("files: at most " + MAX_FILES + " files");
    }
    return java.util.stream.IntStream.range(0, files.size())
        .mapToObj(
            i -> {
              Received f = files.get(i);
              if (f.content().length == 0 || f.content().length > MAX_BYTES) {
                throw new BadRequestException(
                    "files[" + i + "]: 1 byte to " + MAX_BYTES / (1024 * 1024) + " MB");
              }
              String type = typeOf(f.content());
              if (type == null) {
                throw new BadRequestException(
                    "files[" + i + "]: only PDF, PNG or JPEG files are taken");
              }
              return new Appeal.File(safeName(f.name(), i, type), type, f.content());
            })
        .toList();
  }

  static @org.jspecify.annotations.Nullable String typeOf(byte[] b) {
    if (starts(b, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
      return "application/pdf";
    }
    if (starts(b, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    return null;
  }

  private static boolean starts(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The last path segment, printable characters only, at most 100; the extension follows the type
   * found.
   */
  static String safeName(String sent, int i, String type) {
    String base = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
    StringBuilder s = new StringBuilder();
    base.codePoints()
        .filter(c -> !Character.isISOControl(c) && "<>:\"|?*".indexOf(c) < 0)
        .limit(90)
        .forEach(s::appendCodePoint);
    int dot = s.lastIndexOf(".");
    String stem = dot > 0 ? s.substring(0, dot) : s.toString();
    if (stem.isBlank() || stem.startsWith(".")) {
      stem = "evidence-" + (i + 1);
    }
    return stem
        + switch (type) {
          case "application/pdf" -> ".pdf";
          case "image/png" -> ".png";
          default -> ".jpg";
        };
  }
}
