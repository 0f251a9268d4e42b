import type * as Graph from '@microsoft/microsoft-graph-types';
import { badRequest, resourceNotFound } from '../core/graph-error';
import { PERMISSIONS, requirePermission } from '../core/graph-permissions';
import type { AuthorizedCall, GraphResponse } from '../core/graph-request';
import { route, type GraphRoute } from '../core/graph-route';
import { verifyProofOfPossession } from '../keys/proof-of-possession';
import { requireGuid, requireObject, type JsonObject } from '../validation/body-checks';
import { replaceKeyCredentials, withoutKeys } from '../validation/key-credentials';
import { findApplication, requireApplication } from './application-lookup';

/**
 * `POST /applications/{id}/addKey` and `removeKey` (https://learn.microsoft.com/graph/api/application-addkey,
 * https://learn.microsoft.com/graph/api/application-removekey): an application rolls its own
 * certificates, proving possession of one it already has.
 */

/** "An application does not need any specific permission to roll its own keys." */
function authorizeKeyRoll(call: AuthorizedCall): void {
  const application = findApplication(call);
  const isSelf = call.claims.idtyp === 'app' && application?.appId === call.claims.appid.toLowerCase();
  if (!isSelf) requirePermission(call.claims, PERMISSIONS.rollApplicationKeys);
}

function requireProof(body: JsonObject, action: string): string {
  const proof = body['proof'];
  if (typeof proof !== 'string' || proof.length === 0)
    throw badRequest(
      `Property 'proof' is required on ${action}: a JWT signed with one of the application's current certificates.`,
    );
  return proof;
}

async function addKey(call: AuthorizedCall): Promise<GraphResponse> {
  const application = requireApplication(call);
  const body = requireObject(call.request.body, 'addKey request');
  const proof = requireProof(body, 'addKey');
  const keyCredential = body['keyCredential'];
  if (typeof keyCredential !== 'object' || keyCredential === null)
    throw badRequest(
      "Property 'keyCredential' is required on addKey: {type: 'AsymmetricX509Cert', usage: 'Verify', key: '<base64 DER certificate>'}.",
    );
  await verifyProofOfPossession(
    proof,
    { applicationObjectId: application.id, keyCredentials: application.keyCredentials },
    call.tenant.clock,
  );
  const [added] = replaceKeyCredentials([keyCredential], []);
  const existing = application.keyCredentials ?? [];
  if (existing.some((credential) => credential.keyId?.toLowerCase() === added.keyId))
    throw badRequest(`A key credential with keyId ${added.keyId} already exists on the application.`);
  application.keyCredentials = [...existing, added];
  return {
    status: 200,
    body: {
      '@odata.context': `${call.request.serviceRoot}/$metadata#microsoft.graph.keyCredential`,
      ...withoutKeys([added])[0],
    },
  };
}

async function removeKey(call: AuthorizedCall): Promise<GraphResponse> {
  const application = requireApplication(call);
  const body = requireObject(call.request.body, 'removeKey request');
  const proof = requireProof(body, 'removeKey');
  const keyId = requireGuid(body, 'keyId', 'removeKey request');
  await verifyProofOfPossession(
    proof,
    { applicationObjectId: application.id, keyCredentials: application.keyCredentials },
    call.tenant.clock,
  );
  const existing: Graph.KeyCredential[] = application.keyCredentials ?? [];
  const remaining = existing.filter((credential) => credential.keyId?.toLowerCase() !== keyId);
  if (remaining.length === existing.length) throw resourceNotFound(keyId);
  application.keyCredentials = remaining;
  return { status: 204 };
}

function keyRoute(path: string, handle: GraphRoute['handle']): GraphRoute {
  return { ...route('POST', path, PERMISSIONS.rollApplicationKeys, handle), authorize: authorizeKeyRoll };
}

export const APPLICATION_KEY_ROUTES: GraphRoute[] = [
  keyRoute('applications/:id/addKey', addKey),
  keyRoute('applications/(appId)/:appId/addKey', addKey),
  keyRoute('applications/:id/removeKey', removeKey),
  keyRoute('applications/(appId)/:appId/removeKey', removeKey),
];
