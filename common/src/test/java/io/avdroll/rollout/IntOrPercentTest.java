package io.avdroll.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntOrPercentTest {

    @ParameterizedTest(name = "\"{0}\" of {1} resolves to {2}")
    @CsvSource(textBlock = """
        3,     10,  3
        ' 3 ', 10,  3
        25%,   10,  2
        25 %,  8,   2
        100%,  7,   7
        10%,   5,   0
        0,     5,   0
        """)
    void parsesCountsAndPercentagesAndRoundsPercentagesDown(String text, int total, int expected) {
        assertThat(IntOrPercent.parse("maxUnavailable", text).resolveDown(total)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" prints back as written")
    @ValueSource(strings = {"3", "25%", "0"})
    void printsAsWritten(String text) {
        assertThat(IntOrPercent.parse("x", text)).hasToString(text);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "three", "25%%", "%", "2.5"})
    void refusesTextThatIsNeitherACountNorAPercentageNamingTheField(String text) {
        assertThatThrownBy(() -> IntOrPercent.parse("failureBudget", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("failureBudget: must be a count");
    }
}
