package io.avdroll.emulator.servicebus;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;

/** Encodings Service Bus uses on the wire that differ from plain AMQP. */
final class WireFormats {

    /** .NET ticks (100 ns) between 0001-01-01 and the Unix epoch. */
    private static final long EPOCH_IN_DOT_NET_TICKS = 621_355_968_000_000_000L;

    private WireFormats() {
    }

    /**
     * A lock token travels as the 16-byte delivery tag in .NET {@code Guid} byte order (first three groups
     * little-endian); management requests carry the same token as an AMQP uuid (big-endian).
     */
    static byte[] lockTokenToDeliveryTag(UUID token) {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        buffer.putLong(token.getMostSignificantBits());
        buffer.putLong(token.getLeastSignificantBits());
        return swapGuidGroups(buffer.array());
    }

    static UUID deliveryTagToLockToken(byte[] tag) {
        if (tag == null || tag.length != 16) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(swapGuidGroups(tag));
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static byte[] swapGuidGroups(byte[] in) {
        byte[] out = in.clone();
        out[0] = in[3];
        out[1] = in[2];
        out[2] = in[1];
        out[3] = in[0];
        out[4] = in[5];
        out[5] = in[4];
        out[6] = in[7];
        out[7] = in[6];
        return out;
    }

    /** Session lock expiry is sent as a link property in .NET ticks. */
    static long toDotNetTicks(Instant instant) {
        return EPOCH_IN_DOT_NET_TICKS + instant.getEpochSecond() * 10_000_000L + instant.getNano() / 100;
    }
}
