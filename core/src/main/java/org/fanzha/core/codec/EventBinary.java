package org.fanzha.core.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.WireName;
import org.jspecify.annotations.Nullable;

/**
 * A compact binary form of an accepted event, for a runner that validates in one place and scores
 * in another (the Flink job validates beside its sources): decoding it costs a fraction of parsing
 * the NDJSON again, and it carries exactly what the codec accepted. Not a storage format: it
 * follows the event records' components in declaration order, so it changes when they do.
 *
 * <p>The layout is derived once from the records: a tag (the type's place among {@link Event}'s
 * permitted types), then each component: a string as its UTF-8 length (−1 for null) and bytes; a
 * {@code long}, {@code int} or {@code boolean} as itself; an enum constant as its wire name, never
 * its ordinal; a list as its size and elements; a nested record as a presence byte and its
 * components. One instance per thread.
 */
public final class EventBinary {
  // before the layouts, which use it
  private static final Codec STRING =
      new Codec() {
        @Override
        public void write(Out out, @Nullable Object v) {
          if (v == null) {
            out.writeInt(-1);
            return;
          }
          byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
          out.writeInt(b.length);
          out.write(b);
        }

        @Override
        public @Nullable Object read(In in) {
          int n = in.readInt();
          return n == -1 ? null : in.readString(n);
        }
      };

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final List<Layout> LAYOUTS = new ArrayList<>();
  private static final List<Class<? extends Event>> TYPES = new ArrayList<>();
  private static final Map<Class<?>, Integer> TAGS = new HashMap<>();

  static {
    for (Class<?> type : Event.class.getPermittedSubclasses()) {
      TAGS.put(type, LAYOUTS.size());
      LAYOUTS.add(Layout.of(type));
      TYPES.add(type.asSubclass(Event.class));
    }
  }

  private final Out out = new Out();

  /** Returns the binary form of {@code event}. */
  public byte[] encode(Event event) {
    out.size = 0;
    int tag = Objects.requireNonNull(TAGS.get(event.getClass()));
    out.writeByte(tag);
    LAYOUTS.get(tag).write(out, event);
    return Arrays.copyOf(out.bytes, out.size);
  }

  /**
   * Returns the event {@link #encode} wrote.
   *
   * @throws IllegalArgumentException when the bytes are not an encoded event
   */
  public static Event decode(byte[] bytes) {
    In in = new In(bytes);
    int tag = in.readByte() & 0xFF;
    if (tag >= LAYOUTS.size()) {
      throw new IllegalArgumentException("not an encoded event: type tag " + tag);
    }
    Event e = (Event) LAYOUTS.get(tag).read(in);
    if (in.pos != bytes.length) {
      throw new IllegalArgumentException(
          "not an encoded event: " + (bytes.length - in.pos) + " bytes left over");
    }
    return e;
  }

  /**
   * Returns the kind of event {@link #encode} wrote into {@code bytes}, read from its first byte
   * alone.
   *
   * @throws IllegalArgumentException when the bytes are not an encoded event
   */
  public static Class<? extends Event> typeOf(byte[] bytes) {
    int tag = bytes.length == 0 ? LAYOUTS.size() : bytes[0] & 0xFF;
    if (tag >= LAYOUTS.size()) {
      throw new IllegalArgumentException("not an encoded event: type tag " + tag);
    }
    return TYPES.get(tag);
  }

  /*
   * Plain cursors over byte arrays: the java.io streams synchronise every call and copy through buffers, which made
   * decoding a fifth of the scoring task's time.
   */

  /** A growing byte array written from the start. */
  private static final class Out {
    byte[] bytes = new byte[256];
    int size;

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void writeByte(int v) {
      ensure(1);
      bytes[size++] = (byte) v;
    }

    void writeInt(int v) {
      ensure(4);
      INT.set(bytes, size, v);
      size += 4;
    }

    void writeLong(long v) {
      ensure(8);
      LONG.set(bytes, size, v);
      size += 8;
    }

    void write(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, bytes, size, b.length);
      size += b.length;
    }
  }

  /** A byte array read from the start; reading past its end is a refusal of the bytes. */
  private static final class In {
    final byte[] bytes;
    int pos;

    In(byte[] bytes) {
      this.bytes = bytes;
    }

    private int take(int n) {
      if (n < 0 || n > bytes.length - pos) {
        throw new IllegalArgumentException(
            "not an encoded event: " + n + " more bytes wanted at " + pos + " of " + bytes.length);
      }
      int at = pos;
      pos += n;
      return at;
    }

    byte readByte() {
      return bytes[take(1)];
    }

    int readInt() {
      return (int) INT.get(bytes, take(4));
    }

    long readLong() {
      return (long) LONG.get(bytes, take(8));
    }

    String readString(int n) {
      return new String(bytes, take(n), n, StandardCharsets.UTF_8);
    }
  }

  /** How one record type is written: its components' codecs, getters and canonical constructor. */
  private record Layout(Field[] fields, MethodHandle constructor) {

    static Layout of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Field[] fields = new Field[components.length];
      Class<?>[] parameters = new Class<?>[components.length];
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      try {
        for (int i = 0; i < components.length; i++) {
          RecordComponent c = components[i];
          MethodHandle getter =
              lookup
                  .unreflect(c.getAccessor())
                  .asType(MethodType.methodType(Object.class, Object.class));
          fields[i] = new Field(Codec.of(c.getType(), c.getGenericType()), getter);
          parameters[i] = c.getType();
        }
        MethodHandle constructor =
            lookup
                .findConstructor(type, MethodType.methodType(void.class, parameters))
                .asSpreader(Object[].class, parameters.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
        return new Layout(fields, constructor);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot lay out " + type, e);
      }
    }

    void write(Out out, Object record) {
      for (Field f : fields) {
        f.codec.write(out, get(f.getter, record));
      }
    }

    Object read(In in) {
      Object[] values = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        values[i] = fields[i].codec.read(in);
      }
      try {
        return (Object) constructor.invokeExact(values);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "the record refused the decoded values: " + e.getMessage(), e);
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }

    private static @Nullable Object get(MethodHandle getter, Object record) {
      try {
        return (Object) getter.invokeExact(record);
      } catch (Throwable t) {
        throw new IllegalStateException(t); // record accessors do not throw
      }
    }
  }

  private record Field(Codec codec, MethodHandle getter) {}

  /** Writes and reads one component's values. */
  private interface Codec {
    void write(Out out, @Nullable Object value);

    @Nullable Object read(In in);

    static Codec of(Class<?> type, Type generic) {
      if (type == String.class) {
        return STRING;
      }
      if (type == long.class) {
        return new Codec() {
          public void write(Out out, @Nullable Object v) {
            out.writeLong(Objects.requireNonNull((Long) v));
          }

          public Object read(In in) {
            return in.readLong();
          }
        };
      }
      if (type == int.class) {
        return new Codec() {
          public void write(Out out, @Nullable Object v) {
            out.writeInt(Objects.requireNonNull((Integer) v));
          }

          public Object read(In in) {
            return in.readInt();
          }
        };
      }
      if (type == boolean.class) {
        return new Codec() {
          public void write(Out out, @Nullable Object v) {
            out.writeByte(Objects.requireNonNull((Boolean) v) ? 1 : 0);
          }

          public Object read(In in) {
            return readBoolean(in);
          }
        };
      }
      if (type.isEnum()) {
        return enumCodec(type.getEnumConstants());
      }
      if (type == List.class) {
        Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
        return listCodec(of((Class<?>) element, element));
      }
      if (type.isRecord()) {
        return recordCodec(Layout.of(type));
      }
      throw new IllegalStateException("no binary form for a component of type " + generic);
    }
  }

  private static boolean readBoolean(In in) {
    byte b = in.readByte();
    if (b != 0 && b != 1) {
      throw new IllegalArgumentException("not an encoded event: boolean " + b);
    }
    return b == 1;
  }

  /**
   * An enum constant by its wire name (EVENTS.md), not its ordinal: a form written before the
   * constants were reordered still reads as the same constants (or is refused when one was
   * removed).
   */
  private static Codec enumCodec(Object[] constants) {
    Map<String, Object> byName = new HashMap<>();
    for (Object c : constants) {
      byName.put(nameOf(c), c);
    }
    return new Codec() {
      @Override
      public void write(Out out, @Nullable Object v) {
        STRING.write(out, v == null ? null : nameOf(v));
      }

      @Override
      public @Nullable Object read(In in) {
        String name = (String) STRING.read(in);
        if (name == null) {
          return null;
        }
        Object c = byName.get(name);
        if (c == null) {
          throw new IllegalArgumentException("not an encoded event: no constant named " + name);
        }
        return c;
      }
    };
  }

  private static String nameOf(Object constant) {
    return constant instanceof WireName w ? w.wireName() : ((Enum<?>) constant).name();
  }

  private static Codec listCodec(Codec element) {
    return new Codec() {
      @Override
      public void write(Out out, @Nullable Object v) {
        List<?> list = (List<?>) v;
        out.writeInt(Objects.requireNonNull(list).size());
        for (Object o : list) {
          element.write(out, o);
        }
      }

      @Override
      public Object read(In in) {
        int n = in.readInt();
        if (n < 0 || n > in.bytes.length - in.pos) {
          throw new IllegalArgumentException(
              "not an encoded event: list size " + n + " out of range");
        }
        List<@Nullable Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(element.read(in));
        }
        return list;
      }
    };
  }

  private static Codec recordCodec(Layout layout) {
    return new Codec() {
      @Override
      public void write(Out out, @Nullable Object v) {
        out.writeByte(v != null ? 1 : 0);
        if (v != null) {
          layout.write(out, v);
        }
      }

      @Override
      public @Nullable Object read(In in) {
        return readBoolean(in) ? layout.read(in) : null;
      }
    };
  }
}
