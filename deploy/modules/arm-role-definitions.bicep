// Least-privilege custom roles for the services' Azure Resource Manager calls, one per scope kind, with
// exactly the actions ../rbac/azure-operations.json lists (the deploy-check test proves that file equals
// what the adapters call). Deployed at subscription scope: role definitions live there.
targetScope = 'subscription'

param namePrefix string

var rbac = loadJsonContent('../rbac/azure-operations.json')
var grants = flatten(map(rbac.operations, op => op.grants))
var scopeKinds = [
  'sessionHosts'
  'network'
  'gallery'
  'subscription'
]
// union() with an empty array removes duplicates (one action may be granted for several operations)
var actionsByScope = toObject(scopeKinds, kind => kind, kind => union(map(filter(grants, g => g.scope == kind), g => g.action), []))

var roleNames = toObject(scopeKinds, kind => kind, kind => guid(subscription().id, namePrefix, 'avdroll', kind))

resource roles 'Microsoft.Authorization/roleDefinitions@2022-04-01' = [for kind in scopeKinds: if (!empty(actionsByScope[kind])) {
  name: roleNames[kind]
  properties: {
    roleName: 'AVD Rolling Update (${namePrefix}) - ${kind}'
    description: 'What the AVD Rolling Update services call at ${kind} scope; generated from rbac/azure-operations.json.'
    type: 'CustomRole'
    permissions: [
      {
        actions: actionsByScope[kind]
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

// empty for a scope kind with no action, so its assignments are skipped
output roleDefinitionIds object = toObject(scopeKinds, kind => kind,
  kind => empty(actionsByScope[kind]) ? '' : subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleNames[kind]))
output actionsByScope object = actionsByScope
