// Assigns custom roles to service identities at the resource group this module is deployed to.

@description('{ roleDefinitionId, principalId } pairs.')
param assignments array

param scopeKind string

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for a in assignments: {
  name: guid(resourceGroup().id, a.roleDefinitionId, a.principalId, scopeKind)
  properties: {
    roleDefinitionId: a.roleDefinitionId
    principalId: a.principalId
    principalType: 'ServicePrincipal'
  }
}]
