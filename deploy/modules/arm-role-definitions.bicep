// Least-privilege custom roles for the services' Azure Resource Manager calls: one per service and scope kind,
// with exactly the actions ../rbac/azure-operations.json grants that service at that scope (deploy-check proves
// the file equals what the adapters call, and which service's code reaches which call). Deployed at
// subscription scope: role definitions live there.
targetScope = 'subscription'

param namePrefix string
param services array

var rbac = loadJsonContent('../rbac/azure-operations.json')
// every grant, knowing which services need it
var grants = flatten(map(rbac.operations, op => map(op.grants, g => union(g, { services: op.services }))))
var scopeKinds = [
  'sessionHosts'
  'network'
  'gallery'
  'subscription'
]
// union() with an empty array removes duplicates (one action may be granted for several operations)
var roleSpecs = flatten(map(services, service => map(scopeKinds, kind => {
  service: service
  kind: kind
  name: guid(subscription().id, namePrefix, 'avdroll', service, kind)
  actions: union(map(filter(grants, g => g.scope == kind && contains(g.services, service)), g => g.action), [])
})))

resource roles 'Microsoft.Authorization/roleDefinitions@2022-04-01' = [for spec in roleSpecs: if (!empty(spec.actions)) {
  name: spec.name
  properties: {
    roleName: 'AVD Rolling Update (${namePrefix}) - ${spec.service} - ${spec.kind}'
    description: 'What ${spec.service} calls at ${spec.kind} scope; generated from rbac/azure-operations.json.'
    type: 'CustomRole'
    permissions: [
      {
        actions: spec.actions
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}]

// the roles that exist: { service, kind, id }
output roles array = map(filter(roleSpecs, spec => !empty(spec.actions)), spec => {
  service: spec.service
  kind: spec.kind
  id: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', spec.name)
})
