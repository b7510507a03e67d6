// One session host VM, built the way provisioner-service rebuilds it (common ArmVirtualMachines), so a
// host deployed here and a host redeployed by a rollout look the same to every stage.

param name string
param location string
param tags object = {}

@allowed([
  'standard'
  'dr'
])
param hostClass string
param vmSize string
param ephemeralPlacement string
param subnetId string
param imageVersionId string
param adminUsername string
@secure()
param adminPassword string
param hostPoolName string
@secure()
param registrationToken string
param aadJoin bool
param agentModulesUrl string

var isDr = hostClass == 'dr'

// common io.avdroll.markers.HostTags: the class survives recreation; the image is the version it runs
var hostTags = union(tags, {
  'avdroll-host-class': hostClass
  'avdroll-image': imageVersionId
})

resource nic 'Microsoft.Network/networkInterfaces@2024-05-01' = {
  name: '${name}-nic'
  location: location
  tags: tags
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1'
        properties: {
          privateIPAllocationMethod: 'Dynamic'
          subnet: {
            id: subnetId
          }
        }
      }
    ]
  }
}

resource vm 'Microsoft.Compute/virtualMachines@2024-07-01' = {
  name: name
  location: location
  tags: hostTags
  properties: {
    hardwareProfile: {
      vmSize: vmSize
    }
    // ephemeral OS disks cannot hibernate: only DR hosts (managed disk) enable it
    additionalCapabilities: isDr ? {
      hibernationEnabled: true
    } : null
    securityProfile: {
      securityType: 'TrustedLaunch'
      uefiSettings: {
        secureBootEnabled: true
        vTpmEnabled: true
      }
    }
    storageProfile: {
      imageReference: {
        id: imageVersionId
      }
      osDisk: isDr ? {
        name: '${name}-osdisk'
        createOption: 'FromImage'
        caching: 'ReadWrite'
        managedDisk: {
          storageAccountType: 'Premium_LRS'
        }
      } : {
        name: '${name}-osdisk'
        createOption: 'FromImage'
        caching: 'ReadOnly'
        diffDiskSettings: {
          option: 'Local'
          placement: ephemeralPlacement
        }
        managedDisk: {
          storageAccountType: 'Standard_LRS'
        }
        deleteOption: 'Delete'
      }
    }
    osProfile: {
      computerName: take(name, 15)
      adminUsername: adminUsername
      adminPassword: adminPassword
    }
    networkProfile: {
      networkInterfaces: [
        {
          id: nic.id
        }
      ]
    }
    licenseType: 'Windows_Client'
    diagnosticsProfile: {
      bootDiagnostics: {
        enabled: true
      }
    }
  }
}

// the AVD agent, installed exactly as common AvdAgent does it: the token only in protected settings
resource agent 'Microsoft.Compute/virtualMachines/extensions@2024-07-01' = {
  parent: vm
  name: 'Microsoft.PowerShell.DSC'
  location: location
  properties: {
    publisher: 'Microsoft.Powershell'
    type: 'DSC'
    typeHandlerVersion: '2.73'
    autoUpgradeMinorVersion: true
    settings: {
      modulesUrl: agentModulesUrl
      configurationFunction: 'Configuration.ps1\\AddSessionHost'
      properties: {
        hostPoolName: hostPoolName
        registrationInfoTokenCredential: {
          UserName: 'PLACEHOLDER_DO_NOT_USE'
          Password: 'PrivateSettingsRef:RegistrationInfoToken'
        }
        aadJoin: aadJoin
      }
    }
    protectedSettings: {
      Items: {
        RegistrationInfoToken: registrationToken
      }
    }
  }
}

output vmId string = vm.id
