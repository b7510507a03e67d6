package io.avdroll.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.avdroll.coordinator.VmReadChoice.GroupCensus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VmReadChoiceTest {

    @ParameterizedTest(name = "{0} wanted of {1} listed, {2} looks since: one by one = {3}")
    @CsvSource(nullValues = "none", value = {
        // wanted, listed, looks since listing, one by one
        "40,   none, 0,  false", // never listed: list to learn the group
        "40,   2000, 0,  true",  // a fiftieth of the group
        "200,  2000, 0,  true",  // exactly a tenth
        "201,  2000, 0,  false", // more than a tenth
        "1000, 1000, 0,  false", // the pool is the group
        "40,   2000, 98, true",
        "40,   2000, 99, false", // the hundredth look lists again
    })
    void aPoolIsReadOneVmAtATimeOnlyWhenItIsAtMostATenthOfItsGroupAndTheGroupWasListedWithinTheLastHundredLooks(
            int wanted, Integer listed, int looksSince, boolean oneByOne) {
        GroupCensus census = listed == null ? null : new GroupCensus(listed, looksSince);

        assertThat(VmReadChoice.oneByOne(wanted, census)).isEqualTo(oneByOne);
    }
}
