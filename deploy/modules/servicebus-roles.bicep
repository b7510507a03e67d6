// Service Bus data rights, entity by entity, derived from the topology file: a service may send to the
// topics it publishes (publishedBy) and receive from the subscriptions and queues it consumes
// (consumedBy). Each service's KEDA scaler identity may read the message counts of exactly the entities that
// service consumes.
// No SAS key exists (the namespace has local auth disabled).

param namespaceName string

@description('Identities keyed by service name (identities.bicep output byService): principalId, scalerPrincipalId.')
param identities object

@description('The service that watches and re-submits dead letters (peeks every queue and subscription, sends copies back); empty for none.')
param deadLetterOperator string = ''

var topology = loadJsonContent('../topology.json')

// built-in roles (ids are the same in every tenant)
var dataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
var dataReceiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
// KEDA reads entity runtime properties, which Service Bus grants only with Manage; scoped to one entity each
var dataOwner = '090c5cfd-751d-490a-894a-3ce6f1109419'

// "external" publishers (any tool dropping an update request) get their rights outside this template
var senders = flatten(map(topology.topics, topic => map(filter(topic.publishedBy, p => p != 'external'), service => {
  topic: topic.name
  service: service
})))
// a forwarding subscription is never read by a service: its messages land in the queue it forwards to
var subscriptionReaders = flatten(map(topology.topics, topic => map(filter(topic.subscriptions, s => s.?forwardTo == null), s => {
  topic: topic.name
  subscription: s.name
  service: s.consumedBy
})))
var queueReaders = map(topology.queues, q => {
  queue: q.name
  service: q.consumedBy
})

// dead letters: every queue and subscription (forwarding ones too) can hold them; a re-submitted copy goes to the
// queue, or to the topic of the subscription. Rights the operator already holds are left out (Azure refuses the
// same role twice at one scope).
var deadLetterSubscriptions = empty(deadLetterOperator) ? [] : filter(flatten(map(topology.topics, topic => map(topic.subscriptions, s => {
  topic: topic.name
  subscription: s.name
  reader: s.?forwardTo == null ? s.consumedBy : ''
}))), d => d.reader != deadLetterOperator)
var deadLetterQueueReads = empty(deadLetterOperator) ? [] : map(filter(topology.queues, q => q.consumedBy != deadLetterOperator), q => q.name)
var deadLetterQueueSends = empty(deadLetterOperator) ? [] : map(topology.queues, q => q.name)
var deadLetterTopicSends = empty(deadLetterOperator) ? [] : map(filter(topology.topics, t => !contains(t.publishedBy, deadLetterOperator)), t => t.name)

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: namespaceName
}

resource senderTopics 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' existing = [for s in senders: {
  parent: namespace
  name: s.topic
}]

resource senderRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (s, i) in senders: {
  scope: senderTopics[i]
  name: guid(namespace.id, s.topic, s.service, dataSender)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataSender)
    principalId: identities[s.service].principalId
    principalType: 'ServicePrincipal'
  }
}]

resource readerSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' existing = [for r in subscriptionReaders: {
  name: '${namespaceName}/${r.topic}/${r.subscription}'
}]

resource subscriptionReceiverRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (r, i) in subscriptionReaders: {
  scope: readerSubscriptions[i]
  name: guid(namespace.id, r.topic, r.subscription, r.service, dataReceiver)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataReceiver)
    principalId: identities[r.service].principalId
    principalType: 'ServicePrincipal'
  }
}]

resource subscriptionScalerRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (r, i) in subscriptionReaders: {
  scope: readerSubscriptions[i]
  name: guid(namespace.id, r.topic, r.subscription, '${r.service}-scaler', dataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataOwner)
    principalId: identities[r.service].scalerPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

resource readerQueues 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' existing = [for q in queueReaders: {
  parent: namespace
  name: q.queue
}]

// receiving also covers session state (get/set) and scheduling follow-ups is a send to the own topic
resource queueReceiverRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (q, i) in queueReaders: {
  scope: readerQueues[i]
  name: guid(namespace.id, q.queue, q.service, dataReceiver)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataReceiver)
    principalId: identities[q.service].principalId
    principalType: 'ServicePrincipal'
  }
}]

resource queueScalerRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (q, i) in queueReaders: {
  scope: readerQueues[i]
  name: guid(namespace.id, q.queue, '${q.service}-scaler', dataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataOwner)
    principalId: identities[q.service].scalerPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

resource deadLetterSubscriptionRefs 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' existing = [for d in deadLetterSubscriptions: {
  name: '${namespaceName}/${d.topic}/${d.subscription}'
}]

resource deadLetterSubscriptionReaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (d, i) in deadLetterSubscriptions: {
  scope: deadLetterSubscriptionRefs[i]
  name: guid(namespace.id, d.topic, d.subscription, deadLetterOperator, dataReceiver)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataReceiver)
    principalId: identities[deadLetterOperator].principalId
    principalType: 'ServicePrincipal'
  }
}]

resource deadLetterReadQueueRefs 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' existing = [for q in deadLetterQueueReads: {
  parent: namespace
  name: q
}]

resource deadLetterQueueReaders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (q, i) in deadLetterQueueReads: {
  scope: deadLetterReadQueueRefs[i]
  name: guid(namespace.id, q, deadLetterOperator, dataReceiver)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataReceiver)
    principalId: identities[deadLetterOperator].principalId
    principalType: 'ServicePrincipal'
  }
}]

resource deadLetterSendQueueRefs 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' existing = [for q in deadLetterQueueSends: {
  parent: namespace
  name: q
}]

resource deadLetterQueueSenders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (q, i) in deadLetterQueueSends: {
  scope: deadLetterSendQueueRefs[i]
  name: guid(namespace.id, q, deadLetterOperator, dataSender)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataSender)
    principalId: identities[deadLetterOperator].principalId
    principalType: 'ServicePrincipal'
  }
}]

resource deadLetterTopicRefs 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' existing = [for t in deadLetterTopicSends: {
  parent: namespace
  name: t
}]

resource deadLetterTopicSenders 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (t, i) in deadLetterTopicSends: {
  scope: deadLetterTopicRefs[i]
  name: guid(namespace.id, t, deadLetterOperator, dataSender)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataSender)
    principalId: identities[deadLetterOperator].principalId
    principalType: 'ServicePrincipal'
  }
}]
