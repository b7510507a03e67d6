// The subscription-scope half of arm-role-assignments.bicep (SKU list, long-running operation status).
targetScope = 'subscription'

param roleDefinitionId string
param principalIds array

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for principalId in principalIds: if (!empty(roleDefinitionId)) {
  name: guid(subscription().id, roleDefinitionId, principalId, 'subscription')
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]
