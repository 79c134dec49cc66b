package org.picomesh.directory.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.picomesh.directory.support.TestDatabase;
import org.postgresql.PGConnection;

/** What {@link BinaryCopy} writes, real PostgreSQL reads back as the same values: numbers of every size, NULLs, text. */
class BinaryCopyIT {
    private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    @Test
    void numbersOfEverySizeAndTextSurviveTheBinaryCopy() throws Exception {
        List<BigInteger> numbers = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(9_999),
                BigInteger.valueOf(10_000), BigInteger.valueOf(10_001), BigInteger.TEN.pow(16), BigInteger.TEN.pow(18),
                BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                new BigInteger("1700000000000000000000"), new BigInteger("12345678901234567890123456789"),
                BigInteger.TEN.pow(40), MAX_UINT256, BigInteger.valueOf(-42), MAX_UINT256.negate()));
        String text = "é 😀 <b>\"'\\\n";
        BinaryCopy copy = new BinaryCopy(16);
        for (int n = 0; n < numbers.size(); n++) {
            copy.row(5).bigint(n).numeric(numbers.get(n)).integer(-n).nullableBigint(n % 2 == 0 ? null : (long) n).text(text);
        }
        assertThat(copy.rows()).isEqualTo(numbers.size());

        TestDatabase.Database database = TestDatabase.fresh();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute("create table copied (n bigint, value numeric(78), i int, maybe bigint, t text)");
            long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy copied from stdin (format binary)", new ByteArrayInputStream(copy.finish()));
            assertThat(rows).isEqualTo(numbers.size());
            try (ResultSet rs = statement.executeQuery("select * from copied order by n")) {
                for (int n = 0; n < numbers.size(); n++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBigDecimal("value").toBigIntegerExact()).isEqualTo(numbers.get(n));
                    assertThat(rs.getString("value")).as("no decimal places").doesNotContain(".");
                    assertThat(rs.getInt("i")).isEqualTo(-n);
                    assertThat(rs.getObject("maybe", Long.class)).isEqualTo(n % 2 == 0 ? null : (long) n);
                    assertThat(rs.getString("t")).isEqualTo(text);
                }
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
