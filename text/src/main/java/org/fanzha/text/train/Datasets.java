package org.fanzha.text.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.FraudType;

/**
 * Reads the shared labelled data sets (never copied into the repository) as {@link LabeledText}s,
 * with their labels mapped onto Fanzha's.
 */
public final class Datasets {

  /** Folder of telecom-fraud-texts-5 under the data root. */
  public static final String TELECOM_FRAUD_5 = "telecom-fraud-texts-5";

  /** Folder of the 80w spam SMS sample under the data root. */
  public static final String SPAM_80W = "chinese-spam-sms-80w-sample40k";

  /** Folder of the UCI SMS spam collection under the data root. */
  public static final String UCI_SMS = "uci-sms-spam-collection";

  /**
   * telecom-fraud-texts-5 labels (see its README) → Fanzha labels. Its class 0 ("normal": operator,
   * marketing and notification SMS) is trained as {@code spam}: about three quarters of it is
   * advertising, much of it with the 80w corpus's {@code x} digit masks, and training it as {@code
   * none} taught the model that ads are normal (spam F1 on the 80w sample fell from 0.97 to 0.89).
   * Evaluations count {@code none} and {@code spam} together as its class 0.
   */
  public static final Map<String, String> TELECOM_FRAUD_5_LABELS =
      Map.of(
          "0", ContentVerdict.SPAM,
          "冒充公检法及政府机关类", FraudType.POLICE.wireName(),
          "贷款、代办信用卡类", FraudType.LOAN.wireName(),
          "冒充客服服务", FraudType.CUSTOMER_SERVICE.wireName(),
          "冒充领导、熟人类", FraudType.BOSS_ACQUAINTANCE.wireName());

  private Datasets() {}

  /** Returns the rows of {@code telecom-fraud-texts-5/train.csv} under {@code root}. */
  public static List<LabeledText> telecomFraud5(Path root) throws IOException {
    List<LabeledText> out = new ArrayList<>();
    for (CSVRecord r : csv(root.resolve(TELECOM_FRAUD_5).resolve("train.csv"))) {
      String label = TELECOM_FRAUD_5_LABELS.get(r.get("label").strip());
      if (label == null) {
        throw new IOException(
            "unknown label '" + r.get("label") + "' at record " + r.getRecordNumber());
      }
      String text = r.get("content").strip();
      if (!text.isEmpty()) {
        out.add(new LabeledText(text, label, TELECOM_FRAUD_5));
      }
    }
    return out;
  }

  /** Returns the rows of the 80w sample: label 1 → {@code spam}, 0 → {@code none}. */
  public static List<LabeledText> spam80w(Path root) throws IOException {
    List<LabeledText> out = new ArrayList<>();
    for (CSVRecord r : csv(root.resolve(SPAM_80W).resolve("sms_80w_sample40k.csv"))) {
      String text = r.get("content").strip();
      String label = r.get("label").strip().equals("1") ? ContentVerdict.SPAM : ContentVerdict.NONE;
      if (!text.isEmpty()) {
        out.add(new LabeledText(text, label, SPAM_80W));
      }
    }
    return out;
  }

  /** Returns the UCI English rows: {@code spam} → spam, {@code ham} → none. */
  public static List<LabeledText> uciSms(Path root) throws IOException {
    List<LabeledText> out = new ArrayList<>();
    for (String line :
        Files.readAllLines(
            root.resolve(UCI_SMS).resolve("SMSSpamCollection"), StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String label =
          line.substring(0, tab).equals("spam") ? ContentVerdict.SPAM : ContentVerdict.NONE;
      out.add(new LabeledText(line.substring(tab + 1).strip(), label, UCI_SMS));
    }
    return out;
  }

  private static List<CSVRecord> csv(Path file) throws IOException {
    try (Reader in = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
      return CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(in)
          .getRecords();
    }
  }
}
