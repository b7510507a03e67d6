package io.avdroll.azure.compute;

import com.azure.core.management.polling.PollResult;
import com.azure.core.util.Context;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineExtensionInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineUpdateInner;
import com.azure.resourcemanager.compute.models.AdditionalCapabilities;
import com.azure.resourcemanager.compute.models.CachingTypes;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiffDiskOptions;
import com.azure.resourcemanager.compute.models.DiffDiskPlacement;
import com.azure.resourcemanager.compute.models.DiffDiskSettings;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.ExpandTypeForListVMs;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.InstanceViewTypes;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.SecurityProfile;
import com.azure.resourcemanager.compute.models.SecurityTypes;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.UefiSettings;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.compute.models.WindowsConfiguration;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import io.avdroll.azure.client.AzureConnection;
import io.avdroll.azure.client.Lro;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.azure.failure.AzureFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link VirtualMachines} over the Azure SDK's generated ARM clients (compute 2025-04-01, network 2025-03-01),
 * sending exactly the request bodies below rather than the fluent builders' extra reads.
 */
public final class ArmVirtualMachines implements VirtualMachines {

    private static final Logger LOG = LoggerFactory.getLogger(ArmVirtualMachines.class);

    private final ComputeManagementClient compute;
    private final NetworkManagementClient network;
    private final VmSizeCatalog sizes;
    private final Lro lro;
    private final SecureRandom random;
    /** Set once the service refused {@code $expand=instanceView} on a VM list (its published contract allows it only with a $filter). */
    private volatile boolean listExpandRefused;

    public ArmVirtualMachines(AzureConnection connection, VmSizeCatalog sizes) {
        this.compute = connection.compute();
        this.network = connection.network();
        this.sizes = sizes;
        this.lro = new Lro(connection.config());
        this.random = new SecureRandom();
    }

    @Override
    public Optional<VirtualMachineView> find(VmRef vm) {
        try {
            return Optional.of(get(vm));
        } catch (AzureFailure failure) {
            if (failure.kind() == AzureFailureKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    @Override
    public VirtualMachineView get(VmRef vm) {
        VirtualMachineInner inner = AzureFailures.call("get VM " + vm, () -> compute.getVirtualMachines()
            .getByResourceGroupWithResponse(vm.resourceGroup(), vm.name(), InstanceViewTypes.INSTANCE_VIEW, Context.NONE)
            .getValue());
        return view(vm, inner);
    }

    @Override
    public List<VirtualMachineView> listWithPowerState(String resourceGroup) {
        VmRef.requireName("resourceGroup", resourceGroup);
        String operation = "list VMs of resource group " + resourceGroup;
        List<VirtualMachineInner> listed;
        if (listExpandRefused) {
            listed = listVms(operation, resourceGroup, null);
        } else {
            try {
                listed = listVms(operation, resourceGroup, ExpandTypeForListVMs.INSTANCE_VIEW);
            } catch (AzureFailure failure) {
                if (failure.kind() != AzureFailureKind.INVALID_REQUEST) {
                    throw failure;
                }
                listed = listVms(operation, resourceGroup, null);
                listExpandRefused = true;
                LOG.warn("the VM list refused $expand=instanceView ({}); power states are read one VM at a time",
                    failure.getMessage());
            }
        }
        List<VirtualMachineView> views = new ArrayList<>(listed.size());
        for (VirtualMachineInner inner : listed) {
            ArmIds.Parsed id = ArmIds.parse(inner.id(), "virtualMachines");
            VmRef ref = new VmRef(id.resourceGroup(), id.name());
            if (inner.instanceView() != null && inner.instanceView().statuses() != null) {
                views.add(view(ref, inner));
            } else {
                find(ref).ifPresent(views::add); // gone since the list: as if it had not been listed
            }
        }
        return List.copyOf(views);
    }

    private List<VirtualMachineInner> listVms(String operation, String resourceGroup, ExpandTypeForListVMs expand) {
        return AzureFailures.call(operation, () -> compute.getVirtualMachines()
            .listByResourceGroup(resourceGroup, null, expand, Context.NONE).stream().toList());
    }

    @Override
    public NetworkInterfaceView getNetworkInterface(String networkInterfaceId) {
        ArmIds.Parsed id = ArmIds.parse(networkInterfaceId, "networkInterfaces");
        NetworkInterfaceInner nic = AzureFailures.call("get NIC " + id.resourceGroup() + "/" + id.name(),
            () -> network.getNetworkInterfaces().getByResourceGroup(id.resourceGroup(), id.name()));
        NetworkInterfaceIpConfigurationInner ip = nic.ipConfigurations() == null || nic.ipConfigurations().isEmpty()
            ? null : nic.ipConfigurations().get(0);
        return new NetworkInterfaceView(nic.id(), id.resourceGroup(), nic.name(), nic.location(),
            ip == null || ip.subnet() == null ? null : ip.subnet().id(), ip == null ? null : ip.privateIpAddress());
    }

    @Override
    public VirtualMachineView createSessionHost(SessionHostVmSpec requested) {
        SessionHostVmSpec spec = createVm(requested, true);
        VmRef vm = spec.vm();
        // the results of the VM and extension creates are not needed: the VM is read once, with its power, below
        lro.awaitCompletion("install AVD agent on " + vm, () -> compute.getVirtualMachineExtensions()
            .beginCreateOrUpdate(vm.resourceGroup(), vm.name(), AvdAgent.EXTENSION_NAME, agentBody(spec)));
        LOG.info("session host {} created and AVD agent extension provisioned", vm);
        return get(vm);
    }

    @Override
    public void beginCreateVm(SessionHostVmSpec requested) {
        LOG.info("creation of session host {} accepted", createVm(requested, false).vm());
    }

    /** Creates the NIC, then the VM (waiting for it or not); returns the spec with the placement chosen. */
    private SessionHostVmSpec createVm(SessionHostVmSpec requested, boolean await) {
        SessionHostVmSpec spec = withPlacement(requested);
        VmRef vm = spec.vm();
        String nicId = createNic(spec);
        Supplier<SyncPoller<PollResult<VirtualMachineInner>, VirtualMachineInner>> create = () -> compute
            .getVirtualMachines().beginCreateOrUpdate(vm.resourceGroup(), vm.name(), vmBody(spec, nicId, randomPassword()));
        if (await) {
            lro.awaitCompletion("create VM " + vm, create);
        } else {
            lro.start("create VM " + vm, create);
        }
        return spec;
    }

    @Override
    public void beginAgentInstall(SessionHostVmSpec spec) {
        VmRef vm = spec.vm();
        VirtualMachineExtensionInner body = agentBody(spec); // a spec without an agent fails here, not as an Azure failure
        lro.start("install AVD agent on " + vm, () -> compute.getVirtualMachineExtensions()
            .beginCreateOrUpdate(vm.resourceGroup(), vm.name(), AvdAgent.EXTENSION_NAME, body));
        LOG.info("AVD agent install on {} accepted", vm);
    }

    /** The NIC is created (or converged) and awaited: a NIC is ready within seconds, and the VM needs its id. */
    private String createNic(SessionHostVmSpec spec) {
        VmRef vm = spec.vm();
        LOG.info("creating {} session host {} (size {}, image {}, placement {})", spec.hostClass(), vm, spec.size(),
            spec.imageVersionId(), spec.ephemeralPlacement());
        return lro.await("create NIC " + vm.resourceGroup() + "/" + spec.nicName(),
            () -> network.getNetworkInterfaces().beginCreateOrUpdate(vm.resourceGroup(), spec.nicName(), nicBody(spec))).id();
    }

    private SessionHostVmSpec withPlacement(SessionHostVmSpec spec) {
        if (spec.hostClass() != HostClass.STANDARD || spec.ephemeralPlacement() != null) {
            return spec;
        }
        VmSizeCapabilities capabilities = sizes.capabilities(spec.location(), spec.size())
            .orElseThrow(() -> new AzureFailure(AzureFailureKind.INVALID_REQUEST, "create VM " + spec.vm(), 0,
                "SkuNotFound", "VM size " + spec.size() + " is not offered in " + spec.location(), null));
        try {
            return spec.withEphemeralPlacement(EphemeralPlacementChooser.choose(capabilities, spec.osDiskSizeGb()));
        } catch (IllegalArgumentException unsuitable) {
            throw new AzureFailure(AzureFailureKind.INVALID_REQUEST, "create VM " + spec.vm(), 0,
                "EphemeralOsDiskNotSupported", unsuitable.getMessage(), null);
        }
    }

    static NetworkInterfaceInner nicBody(SessionHostVmSpec spec) {
        NetworkInterfaceInner nic = new NetworkInterfaceInner();
        nic.withLocation(spec.location());
        nic.withTags(spec.tags());
        nic.withIpConfigurations(List.of(new NetworkInterfaceIpConfigurationInner()
            .withName("ipconfig1")
            .withPrimary(true)
            .withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC)
            .withSubnet(new SubnetInner().withId(spec.subnetId()))));
        return nic;
    }

    static VirtualMachineInner vmBody(SessionHostVmSpec spec, String nicId, String generatedPassword) {
        OSDisk osDisk = new OSDisk()
            .withName(spec.vm().name() + "-osdisk")
            .withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
            .withDeleteOption(DiskDeleteOptionTypes.DELETE);
        if (spec.hostClass() == HostClass.STANDARD) {
            osDisk.withCaching(CachingTypes.READ_ONLY)
                .withDiffDiskSettings(new DiffDiskSettings().withOption(DiffDiskOptions.LOCAL)
                    .withPlacement(DiffDiskPlacement.fromString(spec.ephemeralPlacement().armValue())))
                .withManagedDisk(new ManagedDiskParameters().withStorageAccountType(StorageAccountTypes.STANDARD_LRS));
        } else {
            osDisk.withCaching(CachingTypes.READ_WRITE)
                .withManagedDisk(new ManagedDiskParameters().withStorageAccountType(StorageAccountTypes.PREMIUM_LRS));
        }
        VirtualMachineInner vm = new VirtualMachineInner()
            .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString(spec.size())))
            .withStorageProfile(new StorageProfile()
                .withImageReference(new ImageReference().withId(spec.imageVersionId()))
                .withOsDisk(osDisk))
            .withOsProfile(new OSProfile()
                .withComputerName(spec.computerName())
                .withAdminUsername(spec.adminUsername())
                .withAdminPassword(spec.adminPassword() != null ? spec.adminPassword() : generatedPassword)
                .withWindowsConfiguration(new WindowsConfiguration().withProvisionVMAgent(true)
                    .withEnableAutomaticUpdates(false)))
            .withNetworkProfile(new NetworkProfile().withNetworkInterfaces(List.of(new NetworkInterfaceReference()
                .withId(nicId).withPrimary(true).withDeleteOption(DeleteOptions.DELETE))))
            .withLicenseType(spec.licenseType());
        if (spec.hostClass() == HostClass.DR) {
            vm.withAdditionalCapabilities(new AdditionalCapabilities().withHibernationEnabled(true));
        }
        if (spec.securityType() != null && !spec.securityType().isBlank()) {
            vm.withSecurityProfile(new SecurityProfile().withSecurityType(SecurityTypes.fromString(spec.securityType()))
                .withUefiSettings(new UefiSettings().withSecureBootEnabled(true).withVTpmEnabled(true)));
        }
        vm.withLocation(spec.location());
        vm.withTags(spec.tags());
        return vm;
    }

    static VirtualMachineExtensionInner agentBody(SessionHostVmSpec spec) {
        AvdAgent agent = spec.agent();
        if (agent == null) {
            throw new IllegalArgumentException("agent: the AVD agent to install is required, got none for " + spec.vm());
        }
        VirtualMachineExtensionInner extension = new VirtualMachineExtensionInner()
            .withPublisher(AvdAgent.PUBLISHER)
            .withTypePropertiesType(AvdAgent.TYPE)
            .withTypeHandlerVersion(AvdAgent.TYPE_HANDLER_VERSION)
            .withAutoUpgradeMinorVersion(true)
            .withSettings(agent.publicSettings())
            .withProtectedSettings(agent.protectedSettings());
        extension.withLocation(spec.location());
        return extension;
    }

    @Override
    public void delete(VmRef vm) {
        Optional<VirtualMachineView> existing = find(vm);
        if (existing.isEmpty()) {
            LOG.info("VM {} already gone, nothing to delete", vm);
            return;
        }
        delete(existing.get());
    }

    @Override
    public void beginDelete(VirtualMachineView view) {
        if (!view.removesDiskAndNicsWithIt()) {
            throw new IllegalArgumentException("vm: " + view.ref() + " leaves its OS disk or a NIC behind when deleted;"
                + " delete it with delete(), which removes them once the VM is gone");
        }
        VmRef vm = view.ref();
        lro.start("delete VM " + vm, () -> compute.getVirtualMachines().beginDelete(vm.resourceGroup(), vm.name()));
        LOG.info("deletion of VM {} (with its OS disk and NIC) accepted", vm);
    }

    @Override
    public void delete(VirtualMachineView view) {
        VmRef vm = view.ref();
        lro.await("delete VM " + vm, () -> compute.getVirtualMachines().beginDelete(vm.resourceGroup(), vm.name()));
        // deleteOption=Delete usually removes these with the VM; hosts created by other tools may not have it set
        if (view.osDiskKind() == OsDiskKind.MANAGED && view.osDiskId() != null) {
            ArmIds.Parsed disk = ArmIds.parse(view.osDiskId(), "disks");
            ignoreNotFound(() -> lro.await("delete OS disk " + disk.resourceGroup() + "/" + disk.name(),
                () -> compute.getDisks().beginDelete(disk.resourceGroup(), disk.name())));
        }
        for (String nicId : view.networkInterfaceIds()) {
            ArmIds.Parsed nic = ArmIds.parse(nicId, "networkInterfaces");
            ignoreNotFound(() -> lro.await("delete NIC " + nic.resourceGroup() + "/" + nic.name(),
                () -> network.getNetworkInterfaces().beginDelete(nic.resourceGroup(), nic.name())));
        }
        LOG.info("VM {} deleted with its OS disk and NIC", vm);
    }

    @Override
    public void hibernate(VmRef vm) {
        lro.await("hibernate VM " + vm, () -> compute.getVirtualMachines()
            .beginDeallocate(vm.resourceGroup(), vm.name(), true, Context.NONE));
    }

    @Override
    public void deallocate(VmRef vm) {
        lro.await("deallocate VM " + vm, () -> compute.getVirtualMachines()
            .beginDeallocate(vm.resourceGroup(), vm.name(), null, Context.NONE));
    }

    @Override
    public void start(VmRef vm) {
        lro.await("start VM " + vm, () -> compute.getVirtualMachines().beginStart(vm.resourceGroup(), vm.name()));
    }

    @Override
    public Map<String, String> updateTags(VmRef vm, Map<String, String> put, Set<String> remove) {
        VirtualMachineInner current = AzureFailures.call("read tags of VM " + vm,
            () -> compute.getVirtualMachines().getByResourceGroup(vm.resourceGroup(), vm.name()));
        return updateTags(vm, current.tags() == null ? Map.of() : current.tags(), put, remove);
    }

    @Override
    public Map<String, String> updateTags(VmRef vm, Map<String, String> current, Map<String, String> put, Set<String> remove) {
        Map<String, String> tags = new LinkedHashMap<>(current);
        tags.putAll(put);
        remove.forEach(tags::remove);
        VirtualMachineInner updated = lro.await("tag VM " + vm, () -> compute.getVirtualMachines()
            .beginUpdate(vm.resourceGroup(), vm.name(), new VirtualMachineUpdateInner().withTags(tags)));
        return updated == null || updated.tags() == null ? Map.copyOf(tags) : Map.copyOf(updated.tags());
    }

    static VirtualMachineView view(VmRef vm, VirtualMachineInner inner) {
        StorageProfile storage = inner.storageProfile();
        OSDisk osDisk = storage == null ? null : storage.osDisk();
        DiffDiskSettings diff = osDisk == null ? null : osDisk.diffDiskSettings();
        // the SDK counts a disk as ephemeral only when a placement is present; do the same
        boolean ephemeral = diff != null && diff.placement() != null;
        String osDiskId = osDisk == null || osDisk.managedDisk() == null ? null : osDisk.managedDisk().id();
        List<String> statuses = new ArrayList<>();
        VirtualMachineView.ProvisioningFailure failure = null;
        if (inner.instanceView() != null && inner.instanceView().statuses() != null) {
            for (InstanceViewStatus status : inner.instanceView().statuses()) {
                statuses.add(status.code());
                failure = failure != null ? failure : provisioningFailureOf(status);
            }
        }
        List<String> nics = new ArrayList<>();
        if (inner.networkProfile() != null && inner.networkProfile().networkInterfaces() != null) {
            inner.networkProfile().networkInterfaces().stream()
                .sorted((a, b) -> Boolean.compare(Boolean.TRUE.equals(b.primary()), Boolean.TRUE.equals(a.primary())))
                .forEach(n -> nics.add(n.id()));
        }
        ImageReference image = storage == null ? null : storage.imageReference();
        String imageId = image == null ? null : image.id() != null ? image.id() : image.sharedGalleryImageId();
        return new VirtualMachineView(inner.id(), vm, inner.location(),
            inner.hardwareProfile() == null || inner.hardwareProfile().vmSize() == null ? null
                : inner.hardwareProfile().vmSize().toString(),
            inner.tags(), PowerState.fromStatusCodes(statuses),
            ephemeral ? OsDiskKind.EPHEMERAL : OsDiskKind.MANAGED,
            ephemeral ? diff.placement().toString() : null,
            osDiskId, imageId, nics,
            inner.additionalCapabilities() != null && Boolean.TRUE.equals(inner.additionalCapabilities().hibernationEnabled()),
            inner.provisioningState(),
            inner.osProfile() == null ? null : inner.osProfile().computerName(),
            failure, agentProvisioningStateOf(inner), removesDiskAndNicsWithIt(osDisk, ephemeral, inner));
    }

    private static boolean removesDiskAndNicsWithIt(OSDisk osDisk, boolean ephemeral, VirtualMachineInner inner) {
        boolean disk = ephemeral || (osDisk != null && osDisk.deleteOption() == DiskDeleteOptionTypes.DELETE);
        List<NetworkInterfaceReference> nics = inner.networkProfile() == null ? null
            : inner.networkProfile().networkInterfaces();
        return disk && nics != null && nics.stream().allMatch(n -> n.deleteOption() == DeleteOptions.DELETE);
    }

    /** {@code ProvisioningState/failed/AllocationFailed} with its message, as Azure reports a failed provisioning. */
    private static VirtualMachineView.ProvisioningFailure provisioningFailureOf(InstanceViewStatus status) {
        String prefix = "ProvisioningState/failed/";
        String code = status.code();
        if (code == null || !code.regionMatches(true, 0, prefix, 0, prefix.length()) || code.length() == prefix.length()) {
            return null;
        }
        return new VirtualMachineView.ProvisioningFailure(code.substring(prefix.length()), status.message());
    }

    /** The AVD agent extension among the child resources a VM read returns. */
    private static String agentProvisioningStateOf(VirtualMachineInner inner) {
        if (inner.resources() == null) {
            return null;
        }
        return inner.resources().stream()
            .filter(e -> AvdAgent.EXTENSION_NAME.equalsIgnoreCase(e.name()))
            .map(e -> e.provisioningState() == null ? "" : e.provisioningState())
            .findFirst().orElse(null);
    }

    private static void ignoreNotFound(Runnable call) {
        try {
            call.run();
        } catch (AzureFailure failure) {
            if (failure.kind() != AzureFailureKind.NOT_FOUND) {
                throw failure;
            }
        }
    }

    /** 24 characters from all four Windows complexity classes; used once, never stored or logged. */
    private String randomPassword() {
        String[] classes = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!@#%^*-_=+"};
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            String pool = classes[i % classes.length];
            password.append(pool.charAt(random.nextInt(pool.length())));
        }
        return password.toString();
    }
}
