import snapshot from './graph-schema.snapshot.json';

/** One property of a Graph type as the CSDL declares it (type names without the `graph.` alias). */
export interface SchemaProperty {
  type: string;
  nullable: boolean;
}

export interface SchemaEntityType {
  baseType: string | null;
  properties: Record<string, SchemaProperty>;
}

export interface SchemaComplexType {
  properties: Record<string, SchemaProperty>;
  derivedTypes?: string[];
}

export interface GraphSchema {
  entityTypes: Record<ServedEntityType, SchemaEntityType>;
  complexTypes: Record<string, SchemaComplexType>;
  enumTypes: Record<string, { members: string[]; flags: boolean }>;
}

export type ServedEntityType =
  | 'user'
  | 'group'
  | 'subscribedSku'
  | 'organization'
  | 'application'
  | 'servicePrincipal'
  | 'appRoleAssignment'
  | 'oAuth2PermissionGrant';

/** The committed snapshot of Microsoft Graph v1.0's CSDL (see scripts/extract-graph-schema.mjs). */
export const GRAPH_SCHEMA: GraphSchema = snapshot as GraphSchema;
