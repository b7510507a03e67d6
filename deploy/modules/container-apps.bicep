// The Container Apps environment and the four services. Each service runs as its own user-assigned
// identity (DefaultAzureCredential picks it through AZURE_CLIENT_ID), reaches Service Bus by its fully
// qualified namespace (no connection string exists) and is scaled by KEDA on the entities it consumes,
// read from the topology file.

param namePrefix string
param location string
param tags object = {}

@description('Registry host the images come from, e.g. myregistry.azurecr.io.')
param registryServer string

@description('Image tag of every service image (<registry>/avdroll/<service>:<tag>).')
param imageTag string

@description('Pull with the service identities (an Azure Container Registry granting them AcrPull); false for a public registry.')
param registryUsesIdentity bool = true

@description('Log Analytics workspace (in this resource group) receiving the services\' console logs.')
param logAnalyticsWorkspaceName string
param appInsightsConnectionString string

param serviceBusNamespaceName string
param serviceBusFullyQualifiedNamespace string

@description('identities.bicep byService output (service and scaler identity per service).')
param identities object

@description('Extra configuration per service (key -> value), written to the service\'s config/application.properties.')
param serviceProperties object

param minReplicas int = 1
param maxReplicas int = 3
@description('The scheduler runs the cron schedules and the image watch: one replica, so each fires once.')
param schedulerReplicas int = 1
@description('Expose the scheduler\'s on-demand HTTP API outside the environment.')
param schedulerExternalIngress bool = false

var topology = loadJsonContent('../topology.json')
var services = [
  'scheduler-service'
  'drain-service'
  'provisioner-service'
  'verifier-service'
]
var httpPort = 8080
var appNames = toObject(services, service => service, service => 'ca-${namePrefix}-${replace(service, '-service', '')}')

// Keys every service needs to start: its Azure subscription and its Service Bus namespace (checked by the
// deploy-check test against the services' own validators). The credential is managed identity.
var sharedEnv = [
  { name: 'AVDROLL_AZURE_SUBSCRIPTION_ID', value: subscription().subscriptionId }
  { name: 'AVDROLL_AZURE_TENANT_ID', value: tenant().tenantId }
  { name: 'AVDROLL_AZURE_CREDENTIAL', value: 'default' }
  { name: 'AVDROLL_SERVICEBUS_NAMESPACE', value: serviceBusFullyQualifiedNamespace }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  { name: 'QUARKUS_HTTP_PORT', value: string(httpPort) }
]

// what KEDA watches per service: the queues and (non-forwarding) subscriptions it consumes
var scaleTargets = concat(
  map(topology.queues, q => { service: q.consumedBy, rule: { queueName: q.name } }),
  flatten(map(topology.topics, t => map(filter(t.subscriptions, s => s.?forwardTo == null), s => {
    service: s.consumedBy
    rule: { topicName: t.name, subscriptionName: s.name }
  }))))

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: 'cae-${namePrefix}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

resource apps 'Microsoft.App/containerApps@2025-01-01' = [for service in services: {
  name: appNames[service]
  location: location
  tags: union(tags, { 'avdroll-service': service })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identities[service].id}': {}
      '${identities[service].scalerId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: service == 'scheduler-service' ? {
        external: schedulerExternalIngress
        targetPort: httpPort
        transport: 'http'
      } : null
      registries: registryUsesIdentity ? [
        {
          server: registryServer
          identity: identities[service].id
        }
      ] : []
      secrets: [
        {
          // not secret, but Container Apps mounts files only from secrets; Quarkus reads config/application.properties
          name: 'application-properties'
          value: join(concat([ '# ${service}: serviceProperties of main.bicep' ],
            map(items(serviceProperties[?service] ?? {}), p => '${p.key}=${p.value}')), '\n')
        }
      ]
    }
    template: {
      containers: [
        {
          name: service
          image: '${registryServer}/avdroll/${service}:${imageTag}'
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(sharedEnv, [
            { name: 'AZURE_CLIENT_ID', value: identities[service].clientId }
          ])
          volumeMounts: [
            {
              volumeName: 'config'
              mountPath: '/deployments/config'
            }
          ]
          probes: [
            {
              type: 'Liveness'
              httpGet: { path: '/q/health/live', port: httpPort }
              initialDelaySeconds: 10
              periodSeconds: 30
            }
            {
              type: 'Readiness'
              httpGet: { path: '/q/health/ready', port: httpPort }
              initialDelaySeconds: 5
              periodSeconds: 15
            }
          ]
        }
      ]
      volumes: [
        {
          name: 'config'
          storageType: 'Secret'
          secrets: [
            {
              secretRef: 'application-properties'
              path: 'application.properties'
            }
          ]
        }
      ]
      scale: {
        minReplicas: service == 'scheduler-service' ? schedulerReplicas : minReplicas
        maxReplicas: service == 'scheduler-service' ? schedulerReplicas : maxReplicas
        rules: map(filter(scaleTargets, t => t.service == service), t => {
          name: replace('${t.rule.?topicName ?? t.rule.?queueName}-backlog', '_', '-')
          custom: {
            type: 'azure-servicebus'
            identity: identities[service].scalerId
            metadata: union(t.rule, {
              namespace: serviceBusNamespaceName
              messageCount: '5'
            })
          }
        })
      }
    }
  }
}]

output environmentId string = environment.id
output appNames object = appNames
output schedulerFqdn string = apps[0].properties.configuration.ingress.fqdn
