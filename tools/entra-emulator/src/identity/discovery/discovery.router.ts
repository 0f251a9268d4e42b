import express, { type Request, type Response } from 'express';
import { requestOrigin } from '../../shared/request-origin';
import { v2Issuer } from '../../issued-tokens/issuers';
import { AadstsError } from '../errors/aadsts-error';
import { sendAadstsJson } from '../errors/aadsts-replies';
import type { IdentityContext } from '../identity-context';
import { resolveTenantSegment } from '../tenant-resolver';
import { openIdConfiguration } from './openid-configuration';

/** Discovery document and JWKS per tenant; an unknown tenant is AADSTS90002 (`invalid_tenant`), as at Microsoft. */
export function createDiscoveryRouter(ctx: IdentityContext): express.Router {
  const router = express.Router();
  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req, res) =>
    answer(ctx, req, res, (origin, tenantPath, issuerTenant, region) =>
      openIdConfiguration(origin, tenantPath, issuerTenant, region),
    ),
  );
  router.get('/:tenant/discovery/v2.0/keys', (req, res) =>
    answer(ctx, req, res, (origin, _tenantPath, issuerTenant) =>
      ctx.keys.jwks(v2Issuer(origin, issuerTenant)),
    ),
  );
  return router;
}

function answer(
  ctx: IdentityContext,
  req: Request,
  res: Response,
  build: (origin: string, tenantPath: string, issuerTenant: string, region: string | null) => object,
): void {
  try {
    const segment = resolveTenantSegment(ctx.store, String(req.params.tenant), 'invalid_tenant');
    const [tenantPath, issuerTenant] =
      segment.kind === 'tenant' ? [segment.tenant.id, segment.tenant.id] : [segment.alias, '{tenantid}'];
    res
      .set('Cache-Control', 'max-age=86400, private')
      .json(
        build(
          requestOrigin(req),
          tenantPath,
          issuerTenant,
          segment.kind === 'tenant' ? regionScope(segment.tenant.organization.countryLetterCode) : null,
        ),
      );
  } catch (error) {
    if (!(error instanceof AadstsError)) throw error;
    sendAadstsJson(req, res, error, ctx.clock);
  }
}

/** Entra's region scopes: NA, EU, AS, OC, AF, SA; the emulator maps a few countries and defaults to EU. */
function regionScope(countryLetterCode: string | null | undefined): string {
  const country = (countryLetterCode ?? '').toUpperCase();
  if (['US', 'CA', 'MX'].includes(country)) return 'NA';
  if (['AU', 'NZ'].includes(country)) return 'OC';
  if (['JP', 'IN', 'SG', 'KR', 'CN', 'HK'].includes(country)) return 'AS';
  if (['BR', 'AR', 'CL'].includes(country)) return 'SA';
  if (['ZA', 'NG', 'KE'].includes(country)) return 'AF';
  return 'EU';
}
