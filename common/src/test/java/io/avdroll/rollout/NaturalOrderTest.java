package io.avdroll.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void numbersInNamesSortByValueAndLeadingZerosOnlyBreakTies() {
        List<String> names = List.of("host-10", "host-2", "host-002", "host-1", "avd-9", "host-", "host-1a", "host-01");
        assertThat(names.stream().sorted(NaturalOrder.INSTANCE).toList())
                .containsExactly("avd-9", "host-", "host-01", "host-1", "host-1a", "host-002", "host-2", "host-10");
    }
}
