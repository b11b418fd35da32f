package org.fanzha.engine.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What one stage found, as bytes for the next: read back as written, and as an older version of the
 * job wrote it.
 */
class FactsTest {

  @Test
  void writeThenRead_givesBackEveryField() throws IOException {
    Facts f = new Facts();
    f.imeiPhones = 3;
    f.lureType = 4;
    f.hintType = 2;
    f.rebated = true;
    f.payerPhone = "+8613800138000";
    f.yuan = 4_500;
    f.payeeAgeDays = 2.5;
    Facts back = new Facts();
    back.read(new DataInputStream(new ByteArrayInputStream(bytes(f))));
    assertThat(back).usingRecursiveComparison().isEqualTo(f);
  }

  /** Format 1, as the keyed job wrote it before hints: no marker, no hint type. */
  @Test
  void read_ofTheFirstLayout_keepsItsFieldsAndHasNoHint() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (int count :
        new int[] {3, 7, -1, -1, -1, -1}) { // handset, cell, device, IP, and the holders' counts
      out.writeInt(count);
    }
    out.writeInt(8 | 32); // a new payee, paid by a suspected mule
    out.writeInt(55); // caller held
    out.writeInt(0); // caller type
    out.writeInt(5); // lure type
    out.writeBoolean(true);
    out.writeUTF("+8613800138000"); // payer phone
    out.writeLong(9_000);
    out.writeDouble(12.0);
    out.writeInt(40);
    out.writeBoolean(false); // no payee phone
    out.writeInt(1);
    Facts f = new Facts();
    f.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(f.imeiPhones).isEqualTo(3);
    assertThat(f.cellPhones).isEqualTo(7);
    assertThat(f.newPayee).isTrue();
    assertThat(f.payerMule).isTrue();
    assertThat(f.rebated).isFalse();
    assertThat(f.lureType).isEqualTo(5);
    assertThat(f.hintType).isZero();
    assertThat(f.payerPhone()).isEqualTo("+8613800138000");
    assertThat(f.yuan).isEqualTo(9_000);
    assertThat(f.payeeScore).isEqualTo(40);
    assertThat(f.payeeType).isEqualTo(1);
  }

  private static byte[] bytes(Facts f) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    f.write(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
