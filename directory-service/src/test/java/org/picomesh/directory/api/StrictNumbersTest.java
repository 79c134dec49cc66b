package org.picomesh.directory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class StrictNumbersTest {
    @Test
    void readsWhatABrowsersNumberInputHolds() {
        assertThat(StrictNumbers.decimal("12")).isEqualTo(12.0);
        assertThat(StrictNumbers.decimal(".5")).isEqualTo(0.5);
        assertThat(StrictNumbers.decimal("5.")).isEqualTo(5.0);
        assertThat(StrictNumbers.decimal("1e3")).isEqualTo(1000.0);
        assertThat(StrictNumbers.decimal("-0.25")).isEqualTo(-0.25);
        assertThat(StrictNumbers.whole("+42")).isEqualTo("+42");
    }

    @Test
    void refusesHexNamedAndSuffixedNumbers() {
        for (String text : new String[] {"0x10", "NaN", "Infinity", "1d", "1f", "1 2", "0x1p3", "1e999", "."}) {
            assertThatIllegalArgumentException().as(text).isThrownBy(() -> StrictNumbers.decimal(text));
        }
        for (String text : new String[] {"0x10", "1.5", "1e3", "12345678901234567890", "", "-"}) {
            assertThatIllegalArgumentException().as(text).isThrownBy(() -> StrictNumbers.whole(text));
        }
    }
}
