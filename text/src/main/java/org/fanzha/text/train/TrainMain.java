package org.fanzha.text.train;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.fanzha.text.model.LinearTextModel;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains the shipped content model.
 *
 * <p>Reproduce the committed model from the repository root (the data are not in the repository):
 *
 * <pre>
 * ./mvnw -B -q -pl text install -DskipTests
 * java -cp "text/target/classes:$(cat text/target/cp.txt)" org.fanzha.text.train.TrainMain \
 *   --data /work/shared/data --out text/src/main/resources/org/fanzha/text/model.bin
 * </pre>
 *
 * (write {@code text/target/cp.txt} with {@code ./mvnw -B -q -pl text dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}). The training set is {@link #trainingSet}: all of
 * telecom-fraud-texts-5, all of the 80w sample and {@value #WRITTEN_PER_CLASS} texts per class of
 * the written templates with seed {@value #SEED}. Training is deterministic.
 */
@Command(
    name = "train-text",
    mixinStandardHelpOptions = true,
    description = "Trains the content model on the labelled text sets and writes the model file.")
public final class TrainMain implements Callable<Integer> {

  @Option(
      names = "--data",
      defaultValue = "/work/shared/data",
      description = "folder of the data sets (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(
      names = "--out",
      defaultValue = "text/src/main/resources/org/fanzha/text/model.bin",
      description = "model file to write (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--bits",
      description = "log2 of the hashed feature buckets (default: the shipped model's)")
  @Nullable Integer bits;

  @Option(names = "--c", description = "the SVM's cost C (default: the shipped model's)")
  @Nullable Double c;

  /** Texts drawn per class from the written templates. */
  public static final int WRITTEN_PER_CLASS = 1200;

  /** Seed of the written templates' expansion. */
  public static final long SEED = 20261127L;

  private TrainMain() {}

  /** Runs the command: {@code --data DIR --out FILE [--bits N] [--c C]}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainMain()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Trainer.Settings s = Trainer.Settings.DEFAULT;
    int bits = this.bits != null ? this.bits : s.bits();
    double c = this.c != null ? this.c : s.c();
    long t0 = System.nanoTime();
    List<LabeledText> texts = trainingSet(data);
    Map<String, Integer> counts = new TreeMap<>();
    texts.forEach(t -> counts.merge(t.label(), 1, Integer::sum));
    System.out.println("training texts: " + texts.size() + " " + counts);
    LinearTextModel model =
        new Trainer(new Trainer.Settings(bits, c, s.eps(), s.fraudWeight())).train(texts);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream os = Files.newOutputStream(out)) {
      model.write(os);
    }
    System.out.printf(
        "wrote %s (%,d bytes, %d labels, 2^%d buckets) in %.1f s%n",
        out, Files.size(out), model.labelCount(), bits, (System.nanoTime() - t0) / 1e9);
    return 0;
  }

  /** Returns the training set of the shipped model from the data root. */
  public static List<LabeledText> trainingSet(Path data) throws IOException {
    List<LabeledText> texts = new ArrayList<>();
    texts.addAll(Datasets.telecomFraud5(data));
    texts.addAll(Datasets.spam80w(data));
    texts.addAll(WrittenCorpus.load().generate(WRITTEN_PER_CLASS, SEED));
    return texts;
  }
}
