package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.Random;
import org.fanzha.store.TestDatabases.Target;
import org.fanzha.store.TestDatabases.TestDb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SnapshotStoreTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Target.class)
  void loadLatest_none_isEmpty(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      assertThat(t.db().snapshots().loadLatest(in -> in.readAllBytes())).isEmpty();
      assertThat(t.db().snapshots().latestSeq()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void loadLatest_afterSeveralSaves_returnsNewestStateAndKeepsTwo(Target target) throws Exception {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      SnapshotStore s = t.db().snapshots();
      byte[] big = new byte[3 << 20]; // several MB, as a real engine state would be
      new Random(7).nextBytes(big);
      s.save(10, out -> out.write("old".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      s.save(20, out -> out.write(new byte[] {1, 2}));
      long size =
          s.save(
              30,
              out -> {
                DataOutputStream d = new DataOutputStream(out);
                d.writeLong(42);
                d.write(big);
                d.flush();
              });

      assertThat(size).isEqualTo(8 + big.length);
      SnapshotStore.Loaded<byte[]> got =
          s.loadLatest(
                  in -> {
                    DataInputStream d = new DataInputStream(in);
                    assertThat(d.readLong()).isEqualTo(42);
                    return d.readAllBytes();
                  })
              .orElseThrow();
      assertThat(got.seqCovered()).isEqualTo(30);
      assertThat(got.state()).isEqualTo(big);
      try (var c = t.db().dataSource().getConnection();
          var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM engine_snapshot")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(SnapshotStore.KEEP);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void save_writerFails_storesNothing(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      assertThatThrownBy(
              () ->
                  t.db()
                      .snapshots()
                      .save(
                          5,
                          out -> {
                            throw new java.io.IOException("disk full");
                          }))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("disk full");
      assertThat(t.db().snapshots().latestSeq()).isEmpty();
    }
  }
}
