package io.avdroll.e2e;

import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.markers.HostTags;

import java.time.Instant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Questions about a rollout answered from the emulator's audit log alone, i.e. from what Azure saw, not from what
 * the services believe. Session hosts are matched to their VMs by name (session host name = computer name, with
 * the pool's domain if any).
 */
record RolloutAudit(List<AuditLog.Entry> entries) {

    static String vmName(String vmId) {
        return vmId.substring(vmId.lastIndexOf('/') + 1).toLowerCase();
    }

    /** The VM a session host (or one of its user sessions) belongs to. */
    static String hostVmName(String sessionHostResource) {
        String afterHosts = sessionHostResource.substring(sessionHostResource.indexOf("/sessionHosts/") + "/sessionHosts/".length());
        String hostName = afterHosts.contains("/") ? afterHosts.substring(0, afterHosts.indexOf('/')) : afterHosts;
        return (hostName.contains(".") ? hostName.substring(0, hostName.indexOf('.')) : hostName).toLowerCase();
    }

    /** VM name → how many entries of {@code type} name that VM. */
    Map<String, Long> countByVm(String type) {
        return entries.stream().filter(e -> e.type().equals(type))
                .collect(Collectors.groupingBy(e -> vmName(e.resource()), TreeMap::new, Collectors.counting()));
    }

    /** The VMs the seed created, by name. */
    List<String> seededVms() {
        return entries.stream().filter(e -> e.type().equals("VmSeeded")).map(e -> vmName(e.resource())).sorted().toList();
    }

    Optional<AuditLog.Entry> first(String type, String vmName) {
        return entries.stream().filter(e -> e.type().equals(type) && vmName(e.resource()).equals(vmName)).findFirst();
    }

    /** Drains of a host's original VM: allowNewSession set to false before that VM was deleted. */
    long drainsOfOriginalVm(String vmName) {
        long deletedAt = first("VmDeleted", vmName).map(AuditLog.Entry::seq).orElse(Long.MAX_VALUE);
        return drainEntries(vmName).stream().filter(e -> e.seq() < deletedAt).count();
    }

    List<AuditLog.Entry> drainEntries(String vmName) {
        return entries.stream().filter(e -> e.type().equals("AllowNewSessionChanged"))
                .filter(e -> Boolean.FALSE.equals(e.details().get("to")))
                .filter(e -> hostVmName(e.resource()).equals(vmName)).toList();
    }

    /** VM name → the hosts drained in this log, in the order the drains happened. */
    List<String> drainedVmsInOrder() {
        return entries.stream().filter(e -> e.type().equals("AllowNewSessionChanged"))
                .filter(e -> Boolean.FALSE.equals(e.details().get("to")))
                .map(e -> hostVmName(e.resource())).distinct().toList();
    }

    List<AuditLog.Entry> forcedLogOffs(String vmName) {
        return entries.stream().filter(e -> e.type().equals("UserSessionLoggedOff"))
                .filter(e -> Boolean.TRUE.equals(e.details().get("forced")))
                .filter(e -> e.resource().contains("/sessionHosts/") && hostVmName(e.resource()).equals(vmName)).toList();
    }

    /** The drain start drain-service stamped in the host VM's tags, as the audit log saw the tags change. */
    Optional<Instant> drainStartedTag(String vmName) {
        return entries.stream().filter(e -> e.type().equals("TagsChanged") && vmName(e.resource()).equals(vmName))
                .map(e -> e.details().get("tags"))
                .filter(tags -> tags instanceof Map<?, ?> map && map.get(HostTags.DRAIN_STARTED) != null)
                .map(tags -> Instant.parse(String.valueOf(((Map<?, ?>) tags).get(HostTags.DRAIN_STARTED))))
                .findFirst();
    }

    /** The VM's lifecycle entries (create started/created/failed, deleted), in order: to tell whether it still exists. */
    List<String> vmLifecycle(String vmName) {
        return entries.stream().filter(e -> e.type().startsWith("VmCreate") || e.type().equals("VmDeleted") || e.type().equals("VmSeeded"))
                .filter(e -> vmName(e.resource()).equals(vmName)).map(AuditLog.Entry::type).toList();
    }
}
