import { GRAPH_SCHEMA, type SchemaProperty } from './graph-schema';

const ENTITY_SETS: Record<string, string> = {
  users: 'user',
  groups: 'group',
  applications: 'application',
  servicePrincipals: 'servicePrincipal',
  organization: 'organization',
  subscribedSkus: 'subscribedSku',
  oauth2PermissionGrants: 'oAuth2PermissionGrant',
};

const escape = (text: string): string => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

function qualified(type: string): string {
  const collection = /^Collection\((.+)\)$/.exec(type);
  if (collection) return `Collection(${qualified(collection[1])})`;
  return type.startsWith('Edm.') ? type : `graph.${type}`;
}

function properties(entries: Record<string, SchemaProperty>): string {
  return Object.entries(entries)
    .map(
      ([name, property]) =>
        `<Property Name="${escape(name)}" Type="${escape(qualified(property.type))}"${property.nullable ? '' : ' Nullable="false"'} />`,
    )
    .join('');
}

/**
 * `GET /v1.0/$metadata`: the CSDL document, which Graph serves without a token. The emulator's is the
 * part of Microsoft Graph v1.0's schema it serves (its entity types, their complex and enum types, and
 * the entity sets), built from the committed schema snapshot, so names and types are Microsoft's.
 */
export function metadataDocument(): string {
  const enums = Object.entries(GRAPH_SCHEMA.enumTypes)
    .map(
      ([name, type]) =>
        `<EnumType Name="${escape(name)}"${type.flags ? ' IsFlags="true"' : ''}>${type.members
          .map(
            (member, index) =>
              `<Member Name="${escape(member)}" Value="${type.flags ? 2 ** index : index}" />`,
          )
          .join('')}</EnumType>`,
    )
    .join('');
  const complex = Object.entries(GRAPH_SCHEMA.complexTypes)
    .map(([name, type]) => `<ComplexType Name="${escape(name)}">${properties(type.properties)}</ComplexType>`)
    .join('');
  // The snapshot holds each type with its inherited properties, so each is written whole, keyed by id.
  const entities = Object.entries(GRAPH_SCHEMA.entityTypes)
    .map(
      ([name, type]) =>
        `<EntityType Name="${escape(name)}"><Key><PropertyRef Name="id" /></Key>${properties(type.properties)}</EntityType>`,
    )
    .join('');
  const sets = Object.entries(ENTITY_SETS)
    .map(([set, type]) => `<EntitySet Name="${set}" EntityType="microsoft.graph.${type}" />`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">${enums}${complex}${entities}<EntityContainer Name="GraphService">${sets}</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`;
}
