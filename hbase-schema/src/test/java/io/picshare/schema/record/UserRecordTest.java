package io.picshare.schema.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.picshare.schema.key.UserRowKey;
import io.picshare.schema.table.UsersTable;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.junit.jupiter.api.Test;

class UserRecordTest {
  private static final String HASH = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";

  @Test
  void roundTripsThroughAPut() {
    UserRecord user = new UserRecord(0xfa007003L, "alice_42", HASH, 1_795_000_000_000L);

    Put put = user.toPut();

    assertThat(put.getRow()).isEqualTo(new UserRowKey(0xfa007003L).encode());
    assertThat(put.getFamilyCellMap()).containsOnlyKeys(UsersTable.PROFILE);
    assertThat(UserRecord.fromResult(PutResults.toResult(put))).isEqualTo(user);
  }

  @Test
  void holdsTheLowerCaseUsername() {
    assertThat(new UserRecord(1, "Alice_42", HASH, 0).username()).isEqualTo("alice_42");
  }

  @Test
  void validatesFields() {
    assertThatThrownBy(() -> new UserRecord(-1, "alice", HASH, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UserRecord(1, "al", HASH, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UserRecord(1, null, HASH, 0)).hasMessage("username is null");
    assertThatThrownBy(() -> new UserRecord(1, "alice", "", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UserRecord(1, "alice", null, 0))
        .hasMessage("passwordHash is null");
  }

  @Test
  void fromResultRejectsOtherRows() {
    Put photoRow =
        new Put(new byte[17]).addColumn(UsersTable.PROFILE, UsersTable.USERNAME, new byte[] {'a'});

    assertThatThrownBy(() -> UserRecord.fromResult(PutResults.toResult(photoRow)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UserRecord.fromResult(Result.EMPTY_RESULT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
