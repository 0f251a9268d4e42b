/** Served by the provisioning service. */
export const ProvisioningSubjects = {} as const;

export const ProvisioningEvents = {} as const;
