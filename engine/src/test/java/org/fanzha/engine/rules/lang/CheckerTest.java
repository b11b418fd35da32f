package org.fanzha.engine.rules.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckerTest {

  private static List<Problem> problems(String text) {
    try {
      Checker.check(text, TestScopes.scope());
    } catch (ExpressionException e) {
      return e.problems();
    }
    throw new AssertionError("no problem found in: " + text);
  }

  @Test
  void check_resolvesFeaturesParamsAndEventFieldsAndFoldsParams() throws ExpressionException {
    Node n =
        Checker.check(
            "features.calls >= params.phone.min_calls && event.amount > 100", TestScopes.scope());
    Node.Logic and = (Node.Logic) n;
    Node.Compare left = (Node.Compare) and.left();
    assertThat(left.left()).isInstanceOf(Node.FeatureRef.class);
    assertThat(left.right()).isEqualTo(new Node.Const(Type.NUMBER, 20.0));
    assertThat(((Node.Compare) and.right()).left()).isInstanceOf(Node.EventRef.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "features.cals > 1|9|unknown feature 'cals'; did you mean 'calls'?",
        "params.phone.min_cals > 1|7|unknown param 'phone.min_cals'; did you mean 'phone.min_calls'?",
        "event.amont > 1|6|unknown event field 'amont'; did you mean 'amount'?",
        "calls > 1|0|unknown name 'calls'",
        "features > 1|0|'features' needs a name after it",
        "features.calls + 1|0|a rule's condition must be true or false, but this is a number",
        "features.calls && true|15|'&&' joins two conditions, not a number and a bool",
        "features.label > 'a'|15|'>' compares two numbers, not a string and a string",
        "features.label == 1|15|'==' compares two values of one type",
        "!features.calls|0|'!' needs true or false, not a number",
        "sqrt(features.calls) > 1|0|unknown function 'sqrt'",
        "max(features.calls) > 1|0|max() needs at least two numbers",
        "features.calls.size() > 1|15|unknown method 'size'",
        "features.calls in [1, 'a']|22|this list item is a string but the value tested is a number",
        "features.calls in [features.rate]|19|a list after 'in' holds numbers or strings written out",
        "features.listed ? 1 : 'a'|16|both sides of ':' must have one type",
      })
  void check_reportsTheProblemAtItsOffset(String text, int offset, String message) {
    Problem p = problems(text).get(0);
    assertThat(p.message()).startsWith(message);
    assertThat(p.offset()).isEqualTo(offset);
  }

  @Test
  void check_reportsEveryProblemAtOnceInTextOrder() {
    String text = "features.cals > 1 && event.amont > 2 || features.label > 3";
    List<Problem> all = problems(text);
    assertThat(all)
        .extracting(Problem::offset)
        .containsExactly(text.indexOf("cals"), text.indexOf("amont"), text.lastIndexOf('>'));
  }

  @Test
  void check_refusesAnOverlongOrTooDeepExpression() {
    assertThatThrownBy(() -> Parser.parse("(".repeat(100) + "true" + ")".repeat(100)))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            e -> assertThat(e.problems().get(0).message()).contains("nests deeper than 64"));
    assertThatThrownBy(() -> Parser.parse("true || ".repeat(600) + "true"))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            e -> assertThat(e.problems().get(0).message()).contains("at most 4000 characters"));
    String wide = "features.calls > 1" + " || features.calls > 1".repeat(170);
    assertThat(problems(wide).get(0).message()).contains("more than 500 parts");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "features.calls >|16|ends where a value was expected",
        "features.calls > 1)|18|unexpected ')' after a complete expression",
        "(features.calls > 1|19|expected ')'",
        "features.label == 'ab|18|a string is not closed",
        "features.calls # 1|15|unexpected '#' after a complete expression",
        "'|0|a string is not closed",
        "|0|the expression is empty",
      })
  void parse_reportsSyntaxErrorsAtTheirOffset(String text, int offset, String message) {
    Problem p = problems(text == null ? "" : text).get(0);
    assertThat(p.message()).contains(message);
    assertThat(p.offset()).isEqualTo(offset);
  }
}
