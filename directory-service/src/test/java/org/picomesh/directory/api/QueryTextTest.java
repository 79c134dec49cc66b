package org.picomesh.directory.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTextTest {
    @Test
    void acceptsPercentEncodedUtf8AndPlusAsSpace() {
        assertThat(QueryText.problem("q=caf%C3%A9+au+lait&region=eu-west&limit=5")).isEmpty();
        assertThat(QueryText.decode("caf%C3%A9+au+lait")).hasValue("café au lait");
        assertThat(QueryText.problem(null)).isEmpty();
    }

    @Test
    void namesTheParameterWhoseEscapesAreBrokenOrNotUtf8() {
        assertThat(QueryText.problem("limit=5&q=%FF")).hasValueSatisfying(p -> assertThat(p).contains("'q'", "UTF-8"));
        assertThat(QueryText.problem("region=%zz")).hasValueSatisfying(p -> assertThat(p).contains("'region'"));
        assertThat(QueryText.problem("q=%E2%82")).hasValueSatisfying(p -> assertThat(p).contains("'q'"));
        assertThat(QueryText.problem("q=%")).hasValueSatisfying(p -> assertThat(p).contains("'q'"));
    }

    @Test
    void refusesANulAnywhere() {
        assertThat(QueryText.problem("q=ok%00")).hasValueSatisfying(p -> assertThat(p).contains("'q'", "NUL"));
        assertThat(QueryText.problem("a%00b=1")).hasValueSatisfying(p -> assertThat(p).contains("NUL"));
    }
}
