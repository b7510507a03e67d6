// Assigns one custom role to the services' identities at the scope this module is deployed to
// (a resource group, or the subscription when deployed with targetScope subscription via the sibling file).

param roleDefinitionId string

@description('Principal ids of the identities that get the role.')
param principalIds array

param scopeKind string

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for principalId in principalIds: if (!empty(roleDefinitionId)) {
  name: guid(resourceGroup().id, roleDefinitionId, principalId, scopeKind)
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]
