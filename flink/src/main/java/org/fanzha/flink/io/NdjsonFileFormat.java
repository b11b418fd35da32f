package org.fanzha.flink.io;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.fanzha.core.codec.NdjsonLines;
import org.jspecify.annotations.Nullable;

/**
 * Reads an NDJSON file as {@link RawLine}s numbered as an editor numbers them, with the same line
 * splitting as the embedded replay (blank lines skipped but counted, CRLF accepted, bytes not
 * decoded). One file is one split: on restore Flink re-reads it and skips the lines already
 * emitted, which also replays the numbering.
 */
public final class NdjsonFileFormat extends SimpleStreamFormat<RawLine> {
  private static final long serialVersionUID = 1L;

  @Override
  public StreamFormat.Reader<RawLine> createReader(Configuration config, FSDataInputStream stream) {
    NdjsonLines.Cursor cursor = new NdjsonLines.Cursor(stream);
    return new StreamFormat.Reader<>() {
      @Override
      public @Nullable RawLine read() throws IOException {
        if (!cursor.next()) {
          return null;
        }
        byte[] bytes =
            Arrays.copyOfRange(cursor.buffer(), cursor.offset(), cursor.offset() + cursor.length());
        return new RawLine(-1, cursor.lineNumber(), bytes);
      }

      @Override
      public void close() throws IOException {
        stream.close();
      }
    };
  }

  @Override
  public TypeInformation<RawLine> getProducedType() {
    return TypeInformation.of(RawLine.class);
  }
}
