// The custom session host image: a Compute Gallery image definition (Windows 11 multi-session, hibernation
// and Trusted Launch supported so both host classes can use it) and an Azure Image Builder template that
// installs the apps as customizers and publishes a new gallery version each run. The services' image watch
// sees those versions (they are not excluded from latest).

param namePrefix string
param location string
param tags object = {}

param galleryName string
param imageDefinitionName string = 'avd-win11-multisession'
@description('Regions the image versions are replicated to (the host pools\' regions).')
param replicationRegions array = [
  location
]

@description('Marketplace source image: Windows 11 Enterprise multi-session.')
param sourceImage object = {
  publisher: 'MicrosoftWindowsDesktop'
  offer: 'windows-11'
  sku: 'win11-24h2-avd'
  version: 'latest'
}

@description('Apps baked into the image, in order: { name, scriptUri } (PowerShell installers) or { name, inline: [ commands ] }.')
param apps array = []

param buildVmSize string = 'Standard_D4s_v5'
param buildTimeoutInMinutes int = 240

resource gallery 'Microsoft.Compute/galleries@2024-03-03' = {
  name: galleryName
  location: location
  tags: tags
  properties: {
    description: 'AVD session host images rolled out by AVD Rolling Update'
  }
}

resource imageDefinition 'Microsoft.Compute/galleries/images@2024-03-03' = {
  parent: gallery
  name: imageDefinitionName
  location: location
  tags: tags
  properties: {
    osType: 'Windows'
    osState: 'Generalized'
    hyperVGeneration: 'V2'
    identifier: {
      publisher: 'avdroll'
      offer: 'avd-session-host'
      sku: imageDefinitionName
    }
    features: [
      // DR hosts are created with hibernation enabled, which needs the image definition to allow it
      { name: 'IsHibernateSupported', value: 'True' }
      { name: 'SecurityType', value: 'TrustedLaunchSupported' }
    ]
  }
}

resource builderIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namePrefix}-image-builder'
  location: location
  tags: tags
}

// what Image Builder needs to publish into this gallery (Microsoft's documented image-creation role)
resource builderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, namePrefix, 'image-builder')
  properties: {
    roleName: 'AVD Rolling Update (${namePrefix}) - image builder ${resourceGroup().name}'
    description: 'Lets Azure Image Builder publish session host image versions into the gallery.'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Compute/galleries/read'
          'Microsoft.Compute/galleries/images/read'
          'Microsoft.Compute/galleries/images/versions/read'
          'Microsoft.Compute/galleries/images/versions/write'
          'Microsoft.Compute/images/read'
          'Microsoft.Compute/images/write'
          'Microsoft.Compute/images/delete'
        ]
        notActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource builderRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, builderIdentity.id, builderRole.id)
  properties: {
    roleDefinitionId: builderRole.id
    principalId: builderIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

var appCustomizers = map(apps, app => contains(app, 'scriptUri') ? {
  type: 'PowerShell'
  name: app.name
  scriptUri: app.scriptUri
  runElevated: true
  runAsSystem: true
} : {
  type: 'PowerShell'
  name: app.name
  inline: app.inline
  runElevated: true
  runAsSystem: true
})

resource template 'Microsoft.VirtualMachineImages/imageTemplates@2024-02-01' = {
  name: 'it-${namePrefix}-session-host'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${builderIdentity.id}': {}
    }
  }
  properties: {
    buildTimeoutInMinutes: buildTimeoutInMinutes
    vmProfile: {
      vmSize: buildVmSize
      osDiskSizeGB: 127
    }
    source: union({ type: 'PlatformImage' }, sourceImage)
    customize: concat(appCustomizers, [
      {
        type: 'WindowsUpdate'
        name: 'monthly-patches'
        searchCriteria: 'IsInstalled=0'
        filters: [
          'exclude:$_.Title -like \'*Preview*\''
          'include:$true'
        ]
        updateLimit: 40
      }
      {
        type: 'WindowsRestart'
        name: 'restart-after-updates'
        restartTimeout: '10m'
      }
    ])
    distribute: [
      {
        type: 'SharedImage'
        galleryImageId: imageDefinition.id
        runOutputName: 'avd-session-host'
        // Image Builder numbers the versions itself (1.0.0, 1.0.1, ...): the image watch picks the newest
        versioning: {
          scheme: 'Latest'
          major: 1
        }
        targetRegions: [for region in replicationRegions: {
          name: region
          replicaCount: 1
          storageAccountType: 'Standard_LRS'
        }]
        artifactTags: {
          source: 'avdroll-image-builder'
        }
      }
    ]
  }
  dependsOn: [
    builderRoleAssignment
  ]
}

output galleryId string = gallery.id
output imageDefinitionId string = imageDefinition.id
output imageTemplateName string = template.name
