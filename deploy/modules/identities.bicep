// One user-assigned identity per service, so each holds only its own Service Bus rights (derived from the
// topology's publishedBy / consumedBy), plus one for the KEDA scalers, which need to read entity
// message counts (a Manage right the services themselves never get).

param services array
param namePrefix string
param location string
param tags object = {}

resource serviceIdentities 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [for service in services: {
  name: 'id-${namePrefix}-${service}'
  location: location
  tags: tags
}]

resource scalerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${namePrefix}-keda-scaler'
  location: location
  tags: tags
}

var identityList = [for (service, i) in services: {
  service: service
  id: serviceIdentities[i].id
  clientId: serviceIdentities[i].properties.clientId
  principalId: serviceIdentities[i].properties.principalId
}]

// keyed by service name: { 'drain-service': { service, id, clientId, principalId }, ... }
output byService object = toObject(identityList, identity => identity.service)
output scaler object = {
  id: scalerIdentity.id
  clientId: scalerIdentity.properties.clientId
  principalId: scalerIdentity.properties.principalId
}
