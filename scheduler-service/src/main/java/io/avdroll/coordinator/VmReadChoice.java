package io.avdroll.coordinator;

/**
 * How a look at a pool reads its VMs in one resource group: one paged list of the whole group, or a GET per VM.
 * <p>
 * Listing costs one call per page whatever the pool's share of the group, and the coordinator decodes every VM of the
 * group, instance view included. When many pools share a group (50 pools of 40 hosts: 2,000 VMs, 40 pages at ARM's
 * page size of 50), each look would decode fifty times the VMs it needs. So a pool whose VMs were at most a tenth of
 * the group at its last listing is read one VM at a time: calls of the order of the list's pages (40 GETs instead of
 * 40 pages there), and only the VMs the look needs. The list is taken again every {@link #RELIST_EVERY} looks, so
 * the census follows pools that come and go.
 */
final class VmReadChoice {

    static final int SHARE_DIVISOR = 10;
    static final int RELIST_EVERY = 100;

    private VmReadChoice() {
    }

    /** What the last listing of a resource group found, and how many looks have read it one VM at a time since. */
    record GroupCensus(int vmsListed, int looksSinceListing) {

        static GroupCensus listed(int vms) {
            return new GroupCensus(vms, 0);
        }

        GroupCensus looked() {
            return new GroupCensus(vmsListed, looksSinceListing + 1);
        }
    }

    /** True when the pool's {@code wanted} VMs of a group should be read one by one; a group never listed is listed. */
    static boolean oneByOne(int wanted, GroupCensus census) {
        return census != null
                && census.looksSinceListing() < RELIST_EVERY - 1
                && (long) wanted * SHARE_DIVISOR <= census.vmsListed();
    }
}
