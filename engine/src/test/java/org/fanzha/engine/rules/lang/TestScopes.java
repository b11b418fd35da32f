package org.fanzha.engine.rules.lang;

import java.util.Collection;
import java.util.Map;
import org.fanzha.engine.rules.EventView;
import org.fanzha.engine.rules.FieldCatalogue;
import org.jspecify.annotations.Nullable;

/** A scope over {@link TestFeatures}, the real {@link EventView} and a few params. */
final class TestScopes {

  static final Map<String, Field> FEATURES = FieldCatalogue.of(TestFeatures.class, false).fields();
  static final Map<String, Field> EVENT = FieldCatalogue.of(EventView.class, true).fields();
  static final Map<String, Double> PARAMS =
      Map.of("phone.min_calls", 20.0, "phone.low_rate", 0.35, "x", 2.0);

  private TestScopes() {}

  static Scope scope() {
    return new Scope() {
      @Override
      public @Nullable Field feature(String name) {
        return FEATURES.get(name);
      }

      @Override
      public Collection<String> featureNames() {
        return FEATURES.keySet();
      }

      @Override
      public @Nullable Double param(String name) {
        return PARAMS.get(name);
      }

      @Override
      public Collection<String> paramNames() {
        return PARAMS.keySet();
      }

      @Override
      public @Nullable Field eventField(String name) {
        return EVENT.get(name);
      }

      @Override
      public Collection<String> eventFieldNames() {
        return EVENT.keySet();
      }
    };
  }
}
