package org.fanzha.bench.engine.rules;

import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fanzha.bench.engine.baseline.LambdaRules;
import org.fanzha.engine.features.PhoneFeatures;
import org.fanzha.engine.rules.Conditions;
import org.fanzha.engine.rules.EventView;
import org.fanzha.engine.rules.FieldCatalogue;
import org.fanzha.engine.rules.Rule;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleSpec;
import org.fanzha.engine.rules.lang.Interpreter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per rule evaluation for the 24 shipped phone rules, evaluated over 256 realistic
 * phone feature sets in four forms: the compiled rule file (what the engine runs: one Janino class
 * per rule set), the former hand-written lambdas, the rule language's tree-walking interpreter, and
 * Google CEL ({@code dev.cel}, planner runtime, the same expressions with params written in as
 * numbers; its feature map is built in setup, which spares CEL the cost of building one per event
 * that a real integration pays). One op = one rule on one feature set.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RuleEvalBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEvalBenchmark {

  static final int SAMPLES = 256;
  static final int PHONE_RULES = 24;

  private PhoneFeatures[] samples;
  private List<Map<String, Object>> celInputs;
  private Conditions compiled;
  private Conditions lambdas;
  private List<Rule> rules;
  private List<CelRuntime.Program> cel;
  private final EventView event = new EventView();

  @Setup
  public void setUp() throws Throwable {
    RuleBook book = RuleBook.defaults();
    rules = book.rules(RuleSpec.Kind.PHONE).rules();
    if (rules.size() != PHONE_RULES) {
      throw new IllegalStateException(
          "the shipped phone rules changed: " + rules.size() + "; update PHONE_RULES");
    }
    compiled = book.rules(RuleSpec.Kind.PHONE).conditions();
    lambdas = LambdaRules.book().rules(RuleSpec.Kind.PHONE).conditions();
    samples = new PhoneFeatures[SAMPLES];
    celInputs = new ArrayList<>();
    Random r = new Random(42);
    Map<String, org.fanzha.engine.rules.lang.Field> catalogue =
        FieldCatalogue.of(PhoneFeatures.class, false).fields();
    for (int i = 0; i < SAMPLES; i++) {
      PhoneFeatures f = new PhoneFeatures();
      boolean busy = r.nextInt(4) == 0;
      set(f, "outCalls", busy ? 20 + r.nextInt(200) : r.nextInt(20));
      set(f, "answered", busy ? r.nextInt(60) : r.nextInt(15));
      set(f, "shortCalls", r.nextInt(10));
      set(f, "longCalls", r.nextInt(5));
      set(f, "nightCalls", r.nextInt(busy ? 60 : 3));
      set(f, "firstContacts", busy ? r.nextInt(150) : r.nextInt(5));
      set(f, "callbacks", r.nextInt(10));
      set(f, "smsOut", r.nextInt(busy ? 100 : 5));
      set(f, "smsFraud", r.nextInt(20) == 0 ? 1 : 0);
      set(f, "distinctContacts", busy ? 20 + r.nextInt(150) : r.nextInt(15));
      setDouble(f, "cardAgeDays", r.nextInt(8) == 0 ? -1 : r.nextInt(2000));
      set(f, "imeiPhones", 1 + r.nextInt(busy ? 6 : 1));
      set(f, "cellPhones", r.nextInt(40));
      set(f, "reporters", r.nextInt(10) == 0 ? 1 + r.nextInt(4) : 0);
      set(f, "victimLinks", r.nextInt(30) == 0 ? 1 : 0);
      set(f, "victimStage", r.nextInt(20) == 0 ? 1 + r.nextInt(7) : 0);
      samples[i] = f;
      Map<String, Object> values = new HashMap<>();
      for (org.fanzha.engine.rules.lang.Field field : catalogue.values()) {
        Object v = field.getter().invoke(f);
        values.put(field.name(), v instanceof Number n ? n.doubleValue() : v);
      }
      celInputs.add(Map.of("features", values));
    }
    CelOptions options = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    CelCompiler compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(options)
            .addVar("features", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
    CelRuntime runtime = CelRuntimeFactory.plannerRuntimeBuilder().setOptions(options).build();
    cel = new ArrayList<>();
    for (Rule rule : rules) {
      cel.add(
          runtime.createProgram(compiler.compile(withParams(rule.when(), book.params())).getAst()));
    }
    // every form must agree before it is timed
    for (int i = 0; i < SAMPLES; i++) {
      long c = compiled.test(samples[i], event);
      if (c != lambdas.test(samples[i], event) || c != interpret(i) || c != celMask(i)) {
        throw new IllegalStateException("forms disagree on sample " + i);
      }
    }
  }

  /**
   * Writes the params into CEL's text as numbers, as the rule language's checker folds them, and
   * every whole number as a double: CEL's arithmetic does not mix int and double, where the rule
   * language has one number type.
   */
  static String withParams(String when, Map<String, Double> params) {
    Matcher m = Pattern.compile("params\\.([a-z0-9_.]+)").matcher(when);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, String.format(Locale.ROOT, "%s", params.get(m.group(1)).toString()));
    }
    m.appendTail(sb);
    return sb.toString().replaceAll("(?<![\\d.\\w])(\\d+)(?![\\d.\\w])", "$1.0");
  }

  @Benchmark
  @OperationsPerInvocation(PHONE_RULES * SAMPLES)
  public long compiled() {
    long acc = 0;
    for (PhoneFeatures f : samples) {
      acc += compiled.test(f, event);
    }
    return acc;
  }

  @Benchmark
  @OperationsPerInvocation(PHONE_RULES * SAMPLES)
  public long lambdas() {
    long acc = 0;
    for (PhoneFeatures f : samples) {
      acc += lambdas.test(f, event);
    }
    return acc;
  }

  @Benchmark
  @OperationsPerInvocation(PHONE_RULES * SAMPLES)
  public long interpreter() {
    long acc = 0;
    for (int i = 0; i < SAMPLES; i++) {
      acc += interpret(i);
    }
    return acc;
  }

  @Benchmark
  @OperationsPerInvocation(PHONE_RULES * SAMPLES)
  public long cel() throws CelEvaluationException {
    long acc = 0;
    for (int i = 0; i < SAMPLES; i++) {
      acc += celMask(i);
    }
    return acc;
  }

  private long interpret(int i) {
    long m = 0;
    for (int r = 0; r < rules.size(); r++) {
      if (Interpreter.test(rules.get(r).condition(), samples[i], event)) {
        m |= 1L << r;
      }
    }
    return m;
  }

  private long celMask(int i) throws CelEvaluationException {
    long m = 0;
    Map<String, Object> input = celInputs.get(i);
    for (int r = 0; r < cel.size(); r++) {
      if ((Boolean) cel.get(r).eval(input)) {
        m |= 1L << r;
      }
    }
    return m;
  }

  private static void set(PhoneFeatures f, String field, int v)
      throws ReflectiveOperationException {
    Field x = PhoneFeatures.class.getDeclaredField(field);
    x.setAccessible(true);
    x.setInt(f, v);
  }

  private static void setDouble(PhoneFeatures f, String field, double v)
      throws ReflectiveOperationException {
    Field x = PhoneFeatures.class.getDeclaredField(field);
    x.setAccessible(true);
    x.setDouble(f, v);
  }
}
