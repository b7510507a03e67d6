// Alert rules on what the services leave behind in Azure. Entities come from the topology file.

param namePrefix string
param location string
param tags object = {}
param actionGroupId string
param serviceBusNamespaceName string
param workspaceId string
@description('Container App name per service (container-apps.bicep appNames).')
param appNames object

var topology = loadJsonContent('../topology.json')

// Service Bus reports dead-lettered messages per entity (EntityName = queue or topic), not per
// subscription: one rule per consumed subscription watches its topic, which in this topology has that
// one subscription; the coordinator queue collects what its forwarding subscriptions deliver.
var deadLetterWatches = concat(
  map(topology.queues, q => { entity: q.name, label: q.name }),
  flatten(map(topology.topics, t => map(t.subscriptions, s => { entity: t.name, label: '${t.name}-${s.name}' }))))

var failureTopic = 'host-failed'

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: serviceBusNamespaceName
}

resource deadLetterAlerts 'Microsoft.Insights/metricAlerts@2018-03-01' = [for w in deadLetterWatches: {
  name: 'alert-${namePrefix}-deadletter-${w.label}'
  location: 'global'
  tags: tags
  properties: {
    description: 'A message was dead-lettered on ${w.label}: read its DeadLetterReason, fix the cause, then resubmit or purge it.'
    severity: 1
    enabled: true
    scopes: [
      namespace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'deadlettered'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                w.entity
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroupId
      }
    ]
  }
}]

resource hostFailedAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${namePrefix}-host-failed'
  location: 'global'
  tags: tags
  properties: {
    description: 'A session host failed a stage of a rollout and stays drained for a person to look at (see the rollout record).'
    severity: 2
    enabled: true
    scopes: [
      namespace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'hostfailed'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'IncomingMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                failureTopic
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroupId
      }
    ]
  }
}

resource errorLogAlerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for item in items(appNames): {
  name: 'alert-${namePrefix}-errors-${item.key}'
  location: location
  tags: tags
  properties: {
    description: '${item.key} logged errors (failed handlers, Azure failures it could not classify as transient).'
    severity: 2
    enabled: true
    scopes: [
      workspaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'ContainerAppConsoleLogs_CL | where ContainerAppName_s == "${item.value}" | where Log_s has "ERROR"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroupId
      ]
    }
  }
}]

resource apps 'Microsoft.App/containerApps@2025-01-01' existing = [for item in items(appNames): {
  name: item.value
}]

resource restartAlerts 'Microsoft.Insights/metricAlerts@2018-03-01' = [for (item, i) in items(appNames): {
  name: 'alert-${namePrefix}-restarts-${item.key}'
  location: 'global'
  tags: tags
  properties: {
    description: '${item.key} restarted (crash, failed liveness probe, or a bad configuration key at start).'
    severity: 2
    enabled: true
    scopes: [
      apps[i].id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'restarts'
          metricNamespace: 'Microsoft.App/containerApps'
          metricName: 'RestartCount'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroupId
      }
    ]
  }
}]
