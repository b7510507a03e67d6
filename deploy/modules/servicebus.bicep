// Service Bus namespace and every entity of the one topology file. Nothing here names a topic, a
// subscription or a setting value: they all come from ../topology.json (also read by the code and the
// local emulator), so the deployed entities cannot drift from what the services use.

@description('Service Bus namespace name (globally unique).')
param namespaceName string

param location string

@description('Standard is enough for topics, sessions, duplicate detection and auto-forwarding; Premium adds isolation and larger messages.')
@allowed([
  'Standard'
  'Premium'
])
param sku string = 'Standard'

param tags object = {}

var topology = loadJsonContent('../topology.json')

// Service Bus' own defaults where the topology file has no "defaults" entry
var defaults = {
  maxDeliveryCount: topology.?defaults.?maxDeliveryCount ?? 10
  lockDuration: topology.?defaults.?lockDuration ?? 'PT1M'
  defaultMessageTimeToLive: topology.?defaults.?defaultMessageTimeToLive ?? 'P14D'
  duplicateDetectionHistoryTimeWindow: topology.?defaults.?duplicateDetectionHistoryTimeWindow ?? 'PT10M'
  maxMessageSizeBytes: topology.?defaults.?maxMessageSizeBytes ?? 262144
}

// one flat list of subscriptions, each knowing its topic (settings inherit subscription -> topic -> defaults)
var subscriptions = flatten(map(topology.topics, topic => map(topic.subscriptions, sub => {
  topic: topic.name
  name: sub.name
  forwardTo: sub.?forwardTo
  requiresSession: sub.?requiresSession ?? false
  maxDeliveryCount: sub.?maxDeliveryCount ?? topic.?maxDeliveryCount ?? defaults.maxDeliveryCount
  lockDuration: sub.?lockDuration ?? topic.?lockDuration ?? defaults.lockDuration
  defaultMessageTimeToLive: sub.?defaultMessageTimeToLive ?? topic.?defaultMessageTimeToLive ?? defaults.defaultMessageTimeToLive
})))

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
  }
  properties: {
    // Entra ID only: the services and KEDA authenticate with managed identities, no SAS key exists to leak
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [for queue in topology.queues: {
  parent: namespace
  name: queue.name
  properties: {
    requiresSession: queue.?requiresSession ?? false
    requiresDuplicateDetection: queue.?requiresDuplicateDetection ?? false
    duplicateDetectionHistoryTimeWindow: queue.?duplicateDetectionHistoryTimeWindow ?? defaults.duplicateDetectionHistoryTimeWindow
    maxDeliveryCount: queue.?maxDeliveryCount ?? defaults.maxDeliveryCount
    lockDuration: queue.?lockDuration ?? defaults.lockDuration
    defaultMessageTimeToLive: queue.?defaultMessageTimeToLive ?? defaults.defaultMessageTimeToLive
    maxMessageSizeInKilobytes: sku == 'Premium' ? (queue.?maxMessageSizeBytes ?? defaults.maxMessageSizeBytes) / 1024 : null
    deadLetteringOnMessageExpiration: true
  }
}]

resource topics 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = [for topic in topology.topics: {
  parent: namespace
  name: topic.name
  properties: {
    requiresDuplicateDetection: topic.?requiresDuplicateDetection ?? false
    duplicateDetectionHistoryTimeWindow: topic.?duplicateDetectionHistoryTimeWindow ?? defaults.duplicateDetectionHistoryTimeWindow
    defaultMessageTimeToLive: topic.?defaultMessageTimeToLive ?? defaults.defaultMessageTimeToLive
    maxMessageSizeInKilobytes: sku == 'Premium' ? (topic.?maxMessageSizeBytes ?? defaults.maxMessageSizeBytes) / 1024 : null
  }
}]

resource topicSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' = [for sub in subscriptions: {
  name: '${namespace.name}/${sub.topic}/${sub.name}'
  properties: {
    requiresSession: sub.requiresSession
    maxDeliveryCount: sub.maxDeliveryCount
    lockDuration: sub.lockDuration
    defaultMessageTimeToLive: sub.defaultMessageTimeToLive
    forwardTo: sub.forwardTo
    deadLetteringOnMessageExpiration: true
  }
  // a subscription forwarding into a queue needs the queue first
  dependsOn: [
    topics
    queues
  ]
}]

output namespaceName string = namespace.name
output namespaceId string = namespace.id
// e.g. avdroll-sb.servicebus.windows.net: what the services' avdroll.servicebus.namespace key takes
output fullyQualifiedNamespace string = replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')
