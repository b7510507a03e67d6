// One user-assigned identity per service, so each holds only its own Service Bus rights (derived from the
// topology's publishedBy / consumedBy), and one per service for its KEDA scaler, which reads the message
// counts of that service's entities (a Manage right the service's own identity never gets). The scaler
// identity is attached to the same Container App (Container Apps requires it), so the split keeps the code
// from using Manage by accident, not a compromised container from taking it; per service, it reaches only
// that service's entities.

param services array
param namePrefix string
param location string
param tags object = {}

resource serviceIdentities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [for service in services: {
  name: 'id-${namePrefix}-${service}'
  location: location
  tags: tags
}]

resource scalerIdentities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [for service in services: {
  name: 'id-${namePrefix}-${service}-scaler'
  location: location
  tags: tags
}]

var identityList = [for (service, i) in services: {
  service: service
  id: serviceIdentities[i].id
  clientId: serviceIdentities[i].properties.clientId
  principalId: serviceIdentities[i].properties.principalId
  scalerId: scalerIdentities[i].id
  scalerPrincipalId: scalerIdentities[i].properties.principalId
}]

// keyed by service name: { 'drain-service': { service, id, clientId, principalId, scalerId, scalerPrincipalId }, ... }
output byService object = toObject(identityList, identity => identity.service)
