// The host pool the services roll, its desktop application group and workspace, and the initial session
// hosts: standard hosts on ephemeral OS disks and DR / non-24x7 hosts on Premium SSD managed disks with
// hibernation enabled, tagged the way the services classify and track them (common HostTags).

param namePrefix string
param location string
param tags object = {}

param hostPoolName string
@allowed([
  'BreadthFirst'
  'DepthFirst'
])
param loadBalancerType string = 'BreadthFirst'
param maxSessionLimit int = 8

@description('Subnet the session hosts\' NICs join.')
param subnetId string

@description('Gallery image version the initial hosts are created from (resource id).')
param imageVersionId string

param standardHostCount int = 2
param standardVmSize string = 'Standard_D4ds_v5'
@description('Where the ephemeral OS disk lives; the VM size must offer it for a 127 GB disk.')
@allowed([
  'ResourceDisk'
  'NvmeDisk'
  'CacheDisk'
])
param ephemeralPlacement string = 'ResourceDisk'

param drHostCount int = 1
@description('A size that supports hibernation.')
param drVmSize string = 'Standard_D4s_v5'

param adminUsername string = 'avdadmin'
@secure()
@description('Local administrator password of the initial hosts; random unless given, and not needed afterwards (recreated hosts get their own random one).')
param adminPassword string = '${newGuid()}-Aa1!'

param aadJoin bool = false
param agentModulesUrl string = 'https://wvdportalstorageblob.blob.core.windows.net/galleryartifacts/Configuration_1.0.02790.438.zip'

@description('Start time of the initial registration token (leave the default).')
param baseTime string = utcNow('u')

resource hostPool 'Microsoft.DesktopVirtualization/hostPools@2024-04-03' = {
  name: hostPoolName
  location: location
  tags: tags
  properties: {
    hostPoolType: 'Pooled'
    loadBalancerType: loadBalancerType
    maxSessionLimit: maxSessionLimit
    preferredAppGroupType: 'Desktop'
    validationEnvironment: false
    // lets users wake a hibernated or deallocated DR host by connecting
    startVMOnConnect: true
    registrationInfo: {
      expirationTime: dateTimeAdd(baseTime, 'PT4H')
      registrationTokenOperation: 'Update'
    }
  }
}

resource desktopGroup 'Microsoft.DesktopVirtualization/applicationGroups@2024-04-03' = {
  name: '${hostPoolName}-dag'
  location: location
  tags: tags
  properties: {
    applicationGroupType: 'Desktop'
    hostPoolArmPath: hostPool.id
    friendlyName: '${hostPoolName} desktop'
  }
}

resource workspace 'Microsoft.DesktopVirtualization/workspaces@2024-04-03' = {
  name: 'ws-${namePrefix}'
  location: location
  tags: tags
  properties: {
    applicationGroupReferences: [
      desktopGroup.id
    ]
  }
}

var hosts = concat(
  map(range(1, standardHostCount), i => { name: '${take(hostPoolName, 10)}-s${padLeft(i, 2, '0')}', hostClass: 'standard' }),
  map(range(1, drHostCount), i => { name: '${take(hostPoolName, 10)}-d${padLeft(i, 2, '0')}', hostClass: 'dr' }))

module sessionHosts 'session-host.bicep' = [for host in hosts: {
  name: 'session-host-${host.name}'
  params: {
    name: host.name
    location: location
    tags: tags
    hostClass: host.hostClass
    vmSize: host.hostClass == 'dr' ? drVmSize : standardVmSize
    ephemeralPlacement: ephemeralPlacement
    subnetId: subnetId
    imageVersionId: imageVersionId
    adminUsername: adminUsername
    adminPassword: adminPassword
    hostPoolName: hostPool.name
    registrationToken: first(hostPool.listRegistrationTokens().value).token
    aadJoin: aadJoin
    agentModulesUrl: agentModulesUrl
  }
}]

output hostPoolId string = hostPool.id
output applicationGroupId string = desktopGroup.id
output workspaceId string = workspace.id
