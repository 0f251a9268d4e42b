import express, { type Router } from 'express';
import { GraphAuthError, type EmulatorContext } from '../issued-tokens/emulator-context';
import type { MemoryStore } from '../store/memory-store';

const EWS_CHALLENGE =
  'Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"';

/**
 * `POST /EWS/Exchange.asmx` as Exchange Online answers it since EWS was switched off (October 2026):
 * 401 without a valid Exchange token, 403 for an app without `full_access_as_app`, and 403 Forbidden
 * with an empty body when the tenant's `EWSEnabled` is not true and the app is not in
 * `EWSAllowedAppIDs`. Allowed requests get 501: the emulator serves no EWS operation (use Graph).
 */
export function createEwsRouter(context: EmulatorContext, store: MemoryStore): Router {
  const router = express.Router();
  router.post('/EWS/Exchange.asmx', async (req, res) => {
    let claims;
    try {
      claims = await context.verifyExchangeBearer(req.headers.authorization);
    } catch (error) {
      if (!(error instanceof GraphAuthError)) throw error;
      res
        .status(401)
        .set('WWW-Authenticate', EWS_CHALLENGE)
        .set('x-ms-diagnostics', `2000001;reason="${error.graphMessage}";error_category="invalid_token"`)
        .end();
      return;
    }
    const tenant = store.tenant(claims.tid);
    if (!tenant || claims.idtyp !== 'app' || !(claims.roles ?? []).includes('full_access_as_app')) {
      res.status(403).end();
      return;
    }
    if (!tenant.mailboxes.ewsAllows(claims.appid)) {
      res.status(403).end();
      return;
    }
    res
      .status(501)
      .type('text/plain')
      .send('EWS is allowed for this app, but the emulator serves no EWS operation. Use Microsoft Graph.');
  });
  return router;
}
