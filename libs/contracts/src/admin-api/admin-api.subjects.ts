/** Served by the admin-api service. */
export const AdminApiSubjects = {} as const;

export const AdminApiEvents = {} as const;
