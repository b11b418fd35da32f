package org.fanzha.flink.keyed;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.keyed.KeyedEngines;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.io.OutputKind;
import org.fanzha.flink.score.OutputWriter;

/**
 * Keyed by entity: keeps the last risk each stage sent for it ({@link Hop#RISK}; none: the stage
 * holds none any more) and sends the entity's risk as the stages' merged (a tombstone when no stage
 * holds one) ({@link KeyedEngines#higher}, in stage order, as the reference merges them): a phone
 * is held as a number and, apart, as a person.
 */
final class RiskMerger extends KeyedProcessFunction<String, Hop, Output> {
  private static final long serialVersionUID = 1L;

  private transient MapState<Integer, byte[]> byStage;

  @Override
  public void open(OpenContext context) {
    byStage =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "risk-by-stage",
                    Types.INT,
                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
  }

  @Override
  public void processElement(Hop risk, Context ctx, Collector<Output> out) throws Exception {
    if (risk.payload.length == 0) {
      byStage.remove(risk.stage);
    } else {
      byStage.put(risk.stage, risk.payload);
    }
    Map<Integer, byte[]> ordered = new TreeMap<>();
    for (Map.Entry<Integer, byte[]> e : byStage.entries()) {
      ordered.put(e.getKey(), e.getValue());
    }
    EntityRisk merged = null;
    for (byte[] bytes : ordered.values()) {
      EntityRisk r = HopCodec.risk(bytes);
      merged = merged == null ? r : KeyedEngines.higher(merged, r);
    }
    out.collect(
        merged == null
            ? new Output(OutputKind.ENTITY, risk.key, null)
            : OutputWriter.entity(merged));
  }
}
