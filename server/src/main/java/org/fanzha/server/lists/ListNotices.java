package org.fanzha.server.lists;

import java.util.Locale;
import org.fanzha.core.event.ListName;
import org.fanzha.core.time.Timestamps;
import org.fanzha.store.ListEntry;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The notice a listed person is given (第31、32条): what the listing is, why, from when to when, what
 * it restricts, and how to appeal with which documents. Texts are the {@code lists.notice.*}
 * messages, in Chinese and English.
 */
@Component
public class ListNotices {

  private final MessageSource messages;

  ListNotices(MessageSource messages) {
    this.messages = messages;
  }

  /** Returns the notice for an entry, in {@code locale}'s language. */
  public String notice(ListEntry e, Locale locale) {
    String list = messages.getMessage("list." + e.list().wireName(), null, locale);
    String measures =
        e.measures() != null
            ? e.measures()
            : messages.getMessage("lists.notice.measures." + e.list().wireName(), null, locale);
    String until =
        e.expiresAtMs() == null
            ? messages.getMessage("lists.notice.untilLifted", null, locale)
            : day(e.expiresAtMs());
    String basis =
        e.legalBasis() != null
            ? e.legalBasis()
            : messages.getMessage("lists.notice.basis", null, locale);
    String documents =
        messages.getMessage(
            e.list() == ListName.DISHONEST
                ? "lists.notice.documents.person"
                : "lists.notice.documents",
            null,
            locale);
    return messages.getMessage(
        "lists.notice",
        new Object[] {
          list,
          e.reason(),
          basis,
          day(e.createdAtMs()),
          until,
          measures,
          "/portal/appeal",
          documents,
          e.id()
        },
        locale);
  }

  private static String day(long ms) {
    return Timestamps.format(ms).substring(0, 10);
  }
}
