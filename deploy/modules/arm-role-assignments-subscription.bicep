// The subscription-scope half of arm-role-assignments.bicep (SKU list, long-running operation status).
targetScope = 'subscription'

@description('{ roleDefinitionId, principalId } pairs.')
param assignments array

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for a in assignments: {
  name: guid(subscription().id, a.roleDefinitionId, a.principalId, 'subscription')
  properties: {
    roleDefinitionId: a.roleDefinitionId
    principalId: a.principalId
    principalType: 'ServicePrincipal'
  }
}]
