package org.fanzha.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.Event;

/**
 * The binary form gives back the event it was given, for every event type and any component values
 * (nulls, extremes, any text), and refuses bytes that are not an encoded event rather than
 * inventing one.
 */
class EventBinaryProperties {

  private final EventBinary binary = new EventBinary();

  @Property(tries = 2000)
  void decodingGivesBackTheEncodedEvent(@ForAll("anyEvent") Event event) {
    byte[] bytes = binary.encode(event);
    assertThat(EventBinary.decode(bytes)).isEqualTo(event);
  }

  @Property(tries = 500)
  void theFirstByteAloneTellsTheKindOfEvent(@ForAll("anyEvent") Event event) {
    assertThat(EventBinary.typeOf(binary.encode(event))).isEqualTo(event.getClass());
  }

  @Property(tries = 500)
  void truncatedBytesAreRefused(@ForAll("anyEvent") Event event, @ForAll("fractions") double keep) {
    byte[] bytes = binary.encode(event);
    byte[] cut = Arrays.copyOf(bytes, (int) (bytes.length * keep));
    assertThatThrownBy(() -> EventBinary.decode(cut)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 200)
  void trailingBytesAreRefused(@ForAll("anyEvent") Event event) {
    byte[] bytes = binary.encode(event);
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> EventBinary.decode(longer))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void anEnumIsWrittenByItsWireNameAndAnUnknownNameIsRefused() {
    DeviceEvent e =
        new DeviceEvent(
            "d-1",
            1_790_000_000_000L,
            "app",
            "+8613800138000",
            DeviceSignal.SCREEN_SHARE,
            "com.zoomlike.video");
    byte[] bytes = binary.encode(e);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf(DeviceSignal.SCREEN_SHARE.wireName());
    assertThat(at).as("the wire name, not an ordinal, is in the bytes").isPositive();
    bytes[at + 2] = 'x';
    assertThatThrownBy(() -> EventBinary.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scxeen_share");
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 0.999).ofScale(3);
  }

  /**
   * Any instance of any permitted event type, built through its canonical constructor from
   * arbitrary components.
   */
  @Provide
  Arbitrary<Event> anyEvent() {
    List<Arbitrary<Event>> types = new ArrayList<>();
    for (Class<?> type : Event.class.getPermittedSubclasses()) {
      types.add(instancesOf(type).map(Event.class::cast));
    }
    return Arbitraries.oneOf(types);
  }

  private static Arbitrary<Object> instancesOf(Class<?> record) {
    RecordComponent[] components = record.getRecordComponents();
    List<Arbitrary<Object>> values = new ArrayList<>();
    Class<?>[] parameters = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      values.add(valuesOf(components[i].getType(), components[i].getGenericType(), true));
      parameters[i] = components[i].getType();
    }
    return Combinators.combine(values)
        .as(
            list -> {
              try {
                Constructor<?> c = record.getDeclaredConstructor(parameters);
                return c.newInstance(list.toArray());
              } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  @SuppressWarnings("unchecked")
  private static Arbitrary<Object> valuesOf(Class<?> type, Type generic, boolean nullable) {
    double nulls = nullable ? 0.1 : 0;
    if (type == String.class) {
      // any text the codec accepts: no lone surrogates (TextCheck refuses them), pairs from emoji
      Arbitrary<String> plain =
          Arbitraries.strings()
              .withCharRange('\u0000', '\uD7FF')
              .withCharRange('\uE000', '\uFFFF')
              .ofMaxLength(300);
      Arbitrary<String> text =
          Arbitraries.oneOf(
              plain,
              plain.map(t -> t + "\uD83D\uDE00"),
              Arbitraries.of("+8613800138000", "", "被骗了"));
      return (Arbitrary<Object>) (Arbitrary<?>) text.injectNull(nulls);
    }
    if (type == long.class) {
      return Arbitraries.longs().map(Object.class::cast);
    }
    if (type == int.class) {
      return Arbitraries.integers().map(Object.class::cast);
    }
    if (type == boolean.class) {
      return Arbitraries.of(true, false).map(Object.class::cast);
    }
    if (type.isEnum()) {
      return Arbitraries.of((Object[]) type.getEnumConstants()).injectNull(nulls);
    }
    if (type == List.class) {
      Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
      // the records copy their lists, which refuses null elements
      return valuesOf((Class<?>) element, element, false)
          .list()
          .ofMaxSize(4)
          .map(Object.class::cast);
    }
    if (type.isRecord()) {
      return instancesOf(type).injectNull(nulls);
    }
    throw new IllegalStateException("no values for " + generic);
  }
}
