// AVD Rolling Update in Azure, from nothing: Service Bus (entities from topology.json), one managed
// identity per service with least-privilege roles (ARM actions from rbac/azure-operations.json, Service Bus
// rights per entity from topology.json), the four services on Container Apps scaled by KEDA, Log Analytics,
// Application Insights and alerts, the custom image (Compute Gallery + Image Builder) and the host pool
// with its first session hosts. No secret is created or passed around.
//
//   az deployment group create -g <rg> -f deploy/main.bicep -p registryServer=<acr>.azurecr.io imageTag=<tag> \
//       subnetId=<subnet id> alertEmails='["ops@example.com"]'
//
// Role definitions and the subscription-scope assignment need rights at subscription scope
// (Owner or User Access Administrator there).

@description('Short prefix of every resource name.')
@maxLength(12)
param namePrefix string = 'avdroll'

param location string = resourceGroup().location
param tags object = {
  workload: 'avd-rolling-update'
}

// --- container images
@description('Registry host of the service images, e.g. myregistry.azurecr.io.')
param registryServer string
param imageTag string
@description('Name of an Azure Container Registry in this resource group to grant AcrPull on; empty for another registry.')
param acrName string = ''

// --- Service Bus
@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Standard'
param serviceBusName string = 'sb-${namePrefix}-${uniqueString(resourceGroup().id)}'

// --- services
@description('Configuration per service written to its config/application.properties (see service-properties.json).')
param serviceProperties object = loadJsonContent('service-properties.json')
param minReplicas int = 1
param maxReplicas int = 3
param schedulerExternalIngress bool = false

// --- alerts
param alertEmails array = []
param alertWebhooks array = []

// --- image
param galleryName string = replace('gal_${namePrefix}', '-', '_')
param imageDefinitionName string = 'avd-win11-multisession'
@description('Apps installed into the image: { name, scriptUri } or { name, inline: [ PowerShell lines ] }.')
param imageApps array = []
param imageReplicationRegions array = [
  location
]

// --- host pool
param hostPoolName string = 'hp-${namePrefix}'
@description('Subnet of the session hosts (the services create NICs in it).')
param subnetId string
param maxSessionLimit int = 8
@description('Create the initial session hosts: set once the image template has built a first version.')
param deploySessionHosts bool = false
@description('Gallery image version of the initial hosts, e.g. 1.0.0 (Image Builder numbers them).')
param initialImageVersion string = ''
param standardHostCount int = 2
param standardVmSize string = 'Standard_D4ds_v5'
param ephemeralPlacement string = 'ResourceDisk'
param drHostCount int = 1
param drVmSize string = 'Standard_D4s_v5'
param aadJoin bool = false
@description('Roll the host pool to every new image version the image template publishes (the scheduler\'s image watch).')
param imageWatch bool = true

var services = [
  'scheduler-service'
  'drain-service'
  'provisioner-service'
  'verifier-service'
]
var networkResourceGroup = split(subnetId, '/')[4]

// the host pool deployed here, wired to the scheduler's triggers (docs/schedules.md); a name with dots is quoted
var poolKey = contains(hostPoolName, '.') ? '"${hostPoolName}"' : hostPoolName
var poolTriggerProperties = {
  'avdroll.pools.${poolKey}.resource-group': resourceGroup().name
  'avdroll.pools.${poolKey}.gallery-image': image.outputs.imageDefinitionId
  'avdroll.pools.${poolKey}.image-watch.enabled': string(imageWatch)
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    alertEmails: alertEmails
    alertWebhooks: alertWebhooks
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    namespaceName: serviceBusName
    location: location
    sku: serviceBusSku
    tags: tags
  }
}

module identities 'modules/identities.bicep' = {
  name: 'identities'
  params: {
    services: services
    namePrefix: namePrefix
    location: location
    tags: tags
  }
}

module serviceBusRoles 'modules/servicebus-roles.bicep' = {
  name: 'servicebus-roles'
  params: {
    namespaceName: serviceBus.outputs.namespaceName
    identities: identities.outputs.byService
    // scheduler-service's alerting peeks every dead-letter queue and re-submits fixed messages
    deadLetterOperator: 'scheduler-service'
  }
}

// --- Azure Resource Manager rights: custom roles per service and scope from rbac/azure-operations.json
module armRoles 'modules/arm-role-definitions.bicep' = {
  name: 'arm-role-definitions'
  scope: subscription()
  params: {
    namePrefix: namePrefix
    services: services
  }
}

// { roleDefinitionId, principalId } of each service's role at one scope kind
var sessionHostAssignments = map(filter(armRoles.outputs.roles, r => r.kind == 'sessionHosts'), r => {
  roleDefinitionId: r.id
  principalId: identities.outputs.byService[r.service].principalId
})
var networkAssignments = map(filter(armRoles.outputs.roles, r => r.kind == 'network'), r => {
  roleDefinitionId: r.id
  principalId: identities.outputs.byService[r.service].principalId
})
var galleryAssignments = map(filter(armRoles.outputs.roles, r => r.kind == 'gallery'), r => {
  roleDefinitionId: r.id
  principalId: identities.outputs.byService[r.service].principalId
})
var subscriptionAssignments = map(filter(armRoles.outputs.roles, r => r.kind == 'subscription'), r => {
  roleDefinitionId: r.id
  principalId: identities.outputs.byService[r.service].principalId
})

module sessionHostRights 'modules/arm-role-assignments.bicep' = {
  name: 'arm-rights-session-hosts'
  params: {
    assignments: sessionHostAssignments
    scopeKind: 'sessionHosts'
  }
}

module networkRights 'modules/arm-role-assignments.bicep' = {
  name: 'arm-rights-network'
  scope: resourceGroup(networkResourceGroup)
  params: {
    assignments: networkAssignments
    scopeKind: 'network'
  }
}

module galleryRights 'modules/arm-role-assignments.bicep' = {
  name: 'arm-rights-gallery'
  params: {
    assignments: galleryAssignments
    scopeKind: 'gallery'
  }
}

module subscriptionRights 'modules/arm-role-assignments-subscription.bicep' = {
  name: 'arm-rights-subscription'
  scope: subscription()
  params: {
    assignments: subscriptionAssignments
  }
}

// --- image pulls with the service identities
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = if (!empty(acrName)) {
  name: empty(acrName) ? 'unused' : acrName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (service, i) in services: if (!empty(acrName)) {
  scope: acr
  name: guid(resourceGroup().id, acrName, service, 'AcrPull')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538f')
    principalId: identities.outputs.byService[service].principalId
    principalType: 'ServicePrincipal'
  }
}]

module apps 'modules/container-apps.bicep' = {
  name: 'container-apps'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    registryServer: registryServer
    imageTag: imageTag
    registryUsesIdentity: !empty(acrName)
    logAnalyticsWorkspaceName: monitoring.outputs.workspaceName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    identities: identities.outputs.byService
    serviceProperties: union(serviceProperties, {
      'scheduler-service': union(serviceProperties[?'scheduler-service'] ?? {}, poolTriggerProperties)
    })
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    schedulerExternalIngress: schedulerExternalIngress
  }
  // a service that starts before its rights exist fails its first calls; let them land first
  dependsOn: [
    serviceBusRoles
    sessionHostRights
    networkRights
    galleryRights
    subscriptionRights
    acrPull
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    actionGroupId: monitoring.outputs.actionGroupId
    serviceBusNamespaceName: serviceBus.outputs.namespaceName
    workspaceId: monitoring.outputs.workspaceId
    appNames: apps.outputs.appNames
  }
}

module image 'modules/image-builder.bicep' = {
  name: 'image-builder'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    galleryName: galleryName
    imageDefinitionName: imageDefinitionName
    apps: imageApps
    replicationRegions: imageReplicationRegions
  }
}

module hostPool 'modules/host-pool.bicep' = {
  name: 'host-pool'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    hostPoolName: hostPoolName
    maxSessionLimit: maxSessionLimit
    subnetId: subnetId
    imageVersionId: '${image.outputs.imageDefinitionId}/versions/${empty(initialImageVersion) ? 'none' : initialImageVersion}'
    standardHostCount: deploySessionHosts ? standardHostCount : 0
    standardVmSize: standardVmSize
    ephemeralPlacement: ephemeralPlacement
    drHostCount: deploySessionHosts ? drHostCount : 0
    drVmSize: drVmSize
    aadJoin: aadJoin
  }
}

output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output schedulerFqdn string = apps.outputs.schedulerFqdn
output imageTemplateName string = image.outputs.imageTemplateName
output hostPoolId string = hostPool.outputs.hostPoolId
