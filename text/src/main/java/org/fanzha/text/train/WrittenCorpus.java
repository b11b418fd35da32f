package org.fanzha.text.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Expands the project's hand-written template file ({@code written.txt} beside this class) into
 * labelled texts, deterministically for a seed.
 *
 * <p>Format: {@code @slot name = a|b|c} defines a list; {@code @class label} starts a class;
 * {@code @part} starts a part, whose lines are alternatives ({@code -} = nothing). A text is one
 * line from each part in order. Inside a line, {@code {name}} draws from a slot, {@code {n:A-B}} an
 * integer in {@code [A, B]}, and {@code [a|b]} one alternative; expansion repeats until nothing is
 * left, so slots may hold these forms too. A label may have several {@code @class} blocks (template
 * families, e.g. an SMS, a chat log, an ad): each text picks one of its label's families at random,
 * then one line from each of that family's parts.
 *
 * <p>About a quarter of the texts of every label (the same share for all, so it tells the model
 * nothing about the label) are rewritten in the chat register people type in: Chinese punctuation
 * becomes a space, since screenshots of chats and posts rarely carry it.
 */
public final class WrittenCorpus {

  /** The resource with the templates. */
  public static final String RESOURCE = "written.txt";

  /** Share of texts rewritten in the chat register (punctuation as spaces). */
  static final double CHAT_REGISTER_SHARE = 0.25;

  private final Map<String, List<String>> slots;
  private final Map<String, List<List<List<String>>>>
      classes; // label -> families -> parts -> lines

  private WrittenCorpus(
      Map<String, List<String>> slots, Map<String, List<List<List<String>>>> classes) {
    this.slots = slots;
    this.classes = classes;
  }

  /** Returns the corpus of the shipped template file. */
  public static WrittenCorpus load() {
    try (InputStream in = WrittenCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the corpus of a template text in the format above. */
  public static WrittenCorpus parse(String templates) {
    Map<String, List<String>> slots = new LinkedHashMap<>();
    Map<String, List<List<List<String>>>> classes = new LinkedHashMap<>();
    List<List<String>> parts = null;
    List<String> part = null;
    try (BufferedReader r = new BufferedReader(new java.io.StringReader(templates))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        if (t.startsWith("@slot ")) {
          int eq = t.indexOf('=');
          slots.put(t.substring(6, eq).strip(), splitTop(t.substring(eq + 1).strip()));
        } else if (t.startsWith("@class ")) {
          parts = new ArrayList<>();
          classes.computeIfAbsent(t.substring(7).strip(), k -> new ArrayList<>()).add(parts);
          part = null;
        } else if (t.equals("@part")) {
          if (parts == null) {
            throw new IllegalArgumentException("@part before @class");
          }
          part = new ArrayList<>();
          parts.add(part);
        } else {
          if (part == null) {
            throw new IllegalArgumentException("text outside a @part: " + t);
          }
          part.add(t.equals("-") ? "" : t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new WrittenCorpus(slots, classes);
  }

  /** Returns the labels the file defines. */
  public Set<String> labels() {
    return classes.keySet();
  }

  /**
   * Returns up to {@code perClass} distinct texts for each label (fewer when the templates cannot
   * make that many), the same for the same seed.
   */
  public List<LabeledText> generate(int perClass, long seed) {
    List<LabeledText> out = new ArrayList<>();
    for (Map.Entry<String, List<List<List<String>>>> e : classes.entrySet()) {
      Random rnd = new Random(seed ^ e.getKey().hashCode());
      List<List<List<String>>> families = e.getValue();
      Set<String> made = new LinkedHashSet<>();
      int tries = 0;
      while (made.size() < perClass && tries < perClass * 20) {
        tries++;
        StringBuilder b = new StringBuilder();
        for (List<String> p : families.get(rnd.nextInt(families.size()))) {
          String piece = expand(p.get(rnd.nextInt(p.size())), rnd).strip();
          if (piece.isEmpty()) {
            continue;
          }
          // Parts written without closing punctuation (chat and ad families) are spaced apart.
          if (b.length() > 0 && !isBreak(b.charAt(b.length() - 1))) {
            b.append(' ');
          }
          b.append(piece);
        }
        String text = b.toString().strip();
        if (rnd.nextDouble() < CHAT_REGISTER_SHARE) {
          text = chatRegister(text);
        }
        if (!text.isEmpty()) {
          made.add(text);
        }
      }
      for (String t : made) {
        out.add(new LabeledText(t, e.getKey(), "written"));
      }
    }
    return out;
  }

  private static boolean isBreak(char c) {
    return "，。！？；：、,.!?:;)）】》 ~～".indexOf(c) >= 0;
  }

  /** Returns {@code s} as typed in a chat: Chinese sentence punctuation becomes one space. */
  static String chatRegister(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean punct =
          c == '，' || c == '。' || c == '！' || c == '？' || c == '；' || c == '、' || c == '～';
      if (!punct) {
        b.append(c);
      } else if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
        b.append(' ');
      }
    }
    return b.toString().strip();
  }

  /** Returns {@code s} with every slot, number and alternative filled in. */
  String expand(String s, Random rnd) {
    String cur = s;
    for (int round = 0; round < 10; round++) {
      StringBuilder b = new StringBuilder(cur.length() + 16);
      boolean changed = false;
      int i = 0;
      while (i < cur.length()) {
        char c = cur.charAt(i);
        if (c == '{') {
          int close = cur.indexOf('}', i);
          String name = cur.substring(i + 1, close);
          if (name.startsWith("n:")) {
            String[] ab = name.substring(2).split("-");
            long lo = Long.parseLong(ab[0]);
            long hi = Long.parseLong(ab[1]);
            b.append(lo + (long) (rnd.nextDouble() * (hi - lo + 1)));
          } else {
            List<String> values = slots.get(name);
            if (values == null) {
              throw new IllegalArgumentException("unknown slot {" + name + "}");
            }
            b.append(values.get(rnd.nextInt(values.size())));
          }
          i = close + 1;
          changed = true;
        } else if (c == '[') {
          int close = matching(cur, i);
          List<String> alts = splitTop(cur.substring(i + 1, close));
          b.append(alts.get(rnd.nextInt(alts.size())));
          i = close + 1;
          changed = true;
        } else {
          b.append(c);
          i++;
        }
      }
      cur = b.toString();
      if (!changed) {
        break;
      }
    }
    return cur;
  }

  private static int matching(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed [ in " + s);
  }

  /** Splits on '|' outside brackets and braces. */
  private static List<String> splitTop(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(s.substring(from, i).strip());
        from = i + 1;
      }
    }
    out.add(s.substring(from).strip());
    return out;
  }
}
