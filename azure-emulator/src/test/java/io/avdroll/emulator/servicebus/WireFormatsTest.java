package io.avdroll.emulator.servicebus;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WireFormatsTest {

    @Test
    void aLockTokenTravelsAsADotNetOrderedGuidAndComesBackUnchanged() {
        UUID token = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        byte[] tag = WireFormats.lockTokenToDeliveryTag(token);
        assertThat(tag).startsWith((byte) 0x33, (byte) 0x22, (byte) 0x11, (byte) 0x00, (byte) 0x55, (byte) 0x44,
                (byte) 0x77, (byte) 0x66, (byte) 0x88, (byte) 0x99);
        assertThat(WireFormats.deliveryTagToLockToken(tag)).isEqualTo(token);
    }

    @Test
    void aTagThatIsNotSixteenBytesIsNoLockToken() {
        assertThat(WireFormats.deliveryTagToLockToken(new byte[] {1, 2, 3, 4})).isNull();
    }

    @Test
    void theUnixEpochIsTheDotNetTickCountOf1970() {
        assertThat(WireFormats.toDotNetTicks(Instant.EPOCH)).isEqualTo(621_355_968_000_000_000L);
        assertThat(WireFormats.toDotNetTicks(Instant.ofEpochMilli(1))).isEqualTo(621_355_968_000_010_000L);
    }
}
