import express, { type Router } from 'express';
import type { MemoryStore } from '../store/memory-store';
import { ControlError } from './directory-control-errors';
import { param, tenantFrom } from './directory-control-params';

function stringList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || !item))
    throw new ControlError(400, 'invalid_request', `${name} must be an array of non-empty strings.`);
  return value as string[];
}

/**
 * Exchange Online's own settings, which Graph cannot change: an app's RBAC for Applications management
 * scope (which mailboxes it may reach) and the tenant's EWS switches.
 */
export function createExchangeControlRouter(store: MemoryStore): Router {
  const router = express.Router();
  const scope = '/tenants/:tenant/apps/:appId/mailbox-scope';
  router.put(scope, (req, res) => {
    const tenant = tenantFrom(store, req);
    const body = req.body as { mailboxes?: unknown } | undefined;
    const mailboxes = stringList(body?.mailboxes, 'mailboxes').map((idOrUpn) => {
      const user = tenant.users.byIdOrUpn(idOrUpn);
      if (!user)
        throw new ControlError(400, 'invalid_request', `No user '${idOrUpn}' in tenant ${tenant.id}.`);
      return user.id;
    });
    tenant.mailboxes.setScope(param(req, 'appId'), mailboxes);
    res.json({ appId: param(req, 'appId').toLowerCase(), mailboxes });
  });
  router.get(scope, (req, res) => {
    const mailboxes = tenantFrom(store, req).mailboxes.scopeOf(param(req, 'appId'));
    if (!mailboxes)
      throw new ControlError(
        404,
        'not_found',
        'This app has no mailbox scope (it reaches what Entra grants).',
      );
    res.json({ appId: param(req, 'appId').toLowerCase(), mailboxes: [...mailboxes] });
  });
  router.delete(scope, (req, res) => {
    tenantFrom(store, req).mailboxes.setScope(param(req, 'appId'), undefined);
    res.status(204).end();
  });
  router.get('/tenants/:tenant/exchange', (req, res) => {
    res.json(tenantFrom(store, req).mailboxes.exchange);
  });
  router.put('/tenants/:tenant/exchange', (req, res) => {
    const body = (req.body ?? {}) as { ewsEnabled?: unknown; ewsAllowedAppIds?: unknown };
    if (body.ewsEnabled !== null && typeof body.ewsEnabled !== 'boolean')
      throw new ControlError(400, 'invalid_request', 'ewsEnabled must be true, false or null.');
    const settings = {
      ewsEnabled: body.ewsEnabled,
      ewsAllowedAppIds:
        body.ewsAllowedAppIds === undefined ? [] : stringList(body.ewsAllowedAppIds, 'ewsAllowedAppIds'),
    };
    tenantFrom(store, req).mailboxes.exchange = settings;
    res.json(settings);
  });
  return router;
}
