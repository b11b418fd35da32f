package org.fanzha.flink.keyed;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for a {@link Hop}: serialised by {@link HopSerializer}. */
public final class HopTypeInfo extends TypeInformation<Hop> {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<Hop> getTypeClass() {
    return Hop.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<Hop> createSerializer(SerializerConfig config) {
    return new HopSerializer();
  }

  @Override
  public String toString() {
    return "Hop";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HopTypeInfo;
  }

  @Override
  public int hashCode() {
    return Hop.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof HopTypeInfo;
  }

  /** What {@link Hop}'s {@code @TypeInfo} names, so every {@code Hop.class} in the job finds it. */
  public static final class Factory extends TypeInfoFactory<Hop> {
    @Override
    public TypeInformation<Hop> createTypeInfo(
        Type type, Map<String, TypeInformation<?>> genericParameters) {
      return new HopTypeInfo();
    }
  }
}
