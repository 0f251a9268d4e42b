import express, { type Request, type Router } from 'express';
import type { EmulatorContext } from '../emulator.types';
import { type FaultController, parseFaultRule, ResourceUnitThrottle } from '../faults';
import { generateTenant } from '../fixture/generate';
import { isMemoryStore, type MemoryStore } from '../store/memory-store';
import type { MemoryTenant } from '../store/memory-tenant';
import {
  licenseChangeFromBody,
  memberIdFromBody,
  newGroupFromBody,
  newUserFromBody,
  objectBody,
  passwordFromBody,
  seedFromBody,
  throttlingFromBody,
  userChangesFromBody,
} from './directory-control-bodies';
import { registerConsentedApp } from './directory-control-apps';
import { ControlError, controlErrorHandler } from './directory-control-errors';
import { tenantSummary, userView } from './directory-control-views';

const DAY_MS = 86_400_000;

function memoryStoreOf(context: EmulatorContext): MemoryStore {
  if (!isMemoryStore(context.store)) throw new Error('The directory control API needs the in-memory store.');
  return context.store;
}

/**
 * The emulator's directory control API, mounted at `/_emulator` (no authentication: emulator only).
 * Seeds and resets tenants, applies joiners, leavers, renames, license and membership changes, moves
 * the clock and switches faults. Each handler is one call into the store or the fault controller.
 */
export function createDirectoryControlRouter(
  context: EmulatorContext,
  faults: FaultController,
  throttle: ResourceUnitThrottle = new ResourceUnitThrottle(),
): Router {
  const store = memoryStoreOf(context);
  const tenantOf = (req: Request): MemoryTenant => {
    const tenant = store.tenant(String(req.params['tenant']));
    if (!tenant)
      throw new ControlError(
        404,
        'not_found',
        `No tenant '${String(req.params['tenant'])}'. Seed one with POST /_emulator/tenants.`,
      );
    return tenant;
  };
  const param = (req: Request, name: string): string => String(req.params[name]);
  const router = express.Router();
  router.use(express.json({ limit: '200mb' }));

  // Tenants
  router.get('/tenants', (_req, res) => {
    res.json({ value: store.tenants().map(tenantSummary) });
  });
  router.post('/tenants', (req, res) => {
    const seed = seedFromBody(req.body);
    const fixture = 'generate' in seed ? { tenants: [generateTenant(seed.generate)] } : seed.fixture;
    store.load(fixture);
    const ids = fixture.tenants.map((tenant) => tenant.organization.id.toLowerCase());
    res.status(201).json({ value: ids.map((id) => tenantSummary(store.tenant(id) as MemoryTenant)) });
  });
  router.get('/tenants/:tenant', (req, res) => {
    res.json(tenantSummary(tenantOf(req)));
  });
  router.delete('/tenants/:tenant', (req, res) => {
    store.remove(tenantOf(req).id);
    res.status(204).end();
  });
  router.post('/reset', (_req, res) => {
    store.reset();
    faults.clear();
    throttle.configure({ enabled: false });
    store.clock.reset();
    res.status(204).end();
  });

  // Users: joiners, leavers, renames, licenses, passwords
  router.post('/tenants/:tenant/users', (req, res) => {
    const { user, licenseSkuIds } = newUserFromBody(req.body);
    res.status(201).json(userView(tenantOf(req).createUser(user, licenseSkuIds)));
  });
  router.get('/tenants/:tenant/users/:user', (req, res) => {
    const user = tenantOf(req).users.byIdOrUpn(param(req, 'user'));
    if (!user) throw new ControlError(404, 'not_found', `No user '${param(req, 'user')}'.`);
    res.json(userView(user));
  });
  router.patch('/tenants/:tenant/users/:user', (req, res) => {
    res.json(userView(tenantOf(req).updateUser(param(req, 'user'), userChangesFromBody(req.body))));
  });
  router.delete('/tenants/:tenant/users/:user', (req, res) => {
    res.json(userView(tenantOf(req).deleteUser(param(req, 'user'))));
  });
  router.post('/tenants/:tenant/users/:user/restore', (req, res) => {
    res.json(userView(tenantOf(req).restoreUser(param(req, 'user'))));
  });
  router.delete('/tenants/:tenant/deletedUsers/:user', (req, res) => {
    tenantOf(req).purgeUser(param(req, 'user'));
    res.status(204).end();
  });
  router.put('/tenants/:tenant/users/:user/password', (req, res) => {
    tenantOf(req).setPassword(param(req, 'user'), passwordFromBody(req.body));
    res.status(204).end();
  });
  router.post('/tenants/:tenant/users/:user/licenses', (req, res) => {
    const { add, remove } = licenseChangeFromBody(req.body);
    res.json(userView(tenantOf(req).changeLicenses(param(req, 'user'), add, remove)));
  });
  router.put('/tenants/:tenant/users/:user/directoryRoles', (req, res) => {
    const body = objectBody(req.body, '{"roleDefinitionIds": ["62e90394-69f5-4237-9190-012177145e10"]}');
    const roles = body['roleDefinitionIds'];
    if (!Array.isArray(roles) || roles.some((role) => typeof role !== 'string')) {
      throw new ControlError(
        400,
        'invalid_request',
        'roleDefinitionIds must be an array of role template ids.',
      );
    }
    const tenant = tenantOf(req);
    const user = tenant.users.byIdOrUpn(param(req, 'user'));
    if (!user) throw new ControlError(404, 'not_found', `No user '${param(req, 'user')}'.`);
    tenant.setDirectoryRoles(user.id, roles as string[]);
    res.status(204).end();
  });

  // A consented client app in one call (demos, benchmarks)
  router.post('/tenants/:tenant/apps', (req, res) => {
    res.status(201).json(registerConsentedApp(tenantOf(req), req.body));
  });

  // Groups
  router.post('/tenants/:tenant/groups', (req, res) => {
    const group = tenantOf(req).createGroup(newGroupFromBody(req.body));
    res
      .status(201)
      .json({ id: group.id, displayName: group.displayName, memberIds: group.emulatorMemberIds });
  });
  router.post('/tenants/:tenant/groups/:group/members', (req, res) => {
    tenantOf(req).addGroupMember(param(req, 'group'), memberIdFromBody(req.body));
    res.status(204).end();
  });
  router.delete('/tenants/:tenant/groups/:group/members/:member', (req, res) => {
    tenantOf(req).removeGroupMember(param(req, 'group'), param(req, 'member'));
    res.status(204).end();
  });

  // Clock (ages delta tokens, soft-deleted users, and the identity half's tokens)
  router.get('/clock', (_req, res) => {
    res.json({ now: new Date(store.clock.now()).toISOString(), offsetMs: store.clock.offset });
  });
  router.post('/clock/advance', (req, res) => {
    const body = objectBody(req.body, '{"days": 8} or {"ms": 60000}');
    const ms =
      typeof body['ms'] === 'number'
        ? body['ms']
        : typeof body['days'] === 'number'
          ? body['days'] * DAY_MS
          : NaN;
    if (!Number.isFinite(ms) || ms < 0)
      throw new ControlError(
        400,
        'invalid_request',
        'Give ms or days as a number of at least 0; the clock only moves forward.',
      );
    store.clock.advance(ms);
    for (const tenant of store.tenants()) tenant.purgeExpiredDeletedUsers();
    res.json({ now: new Date(store.clock.now()).toISOString(), offsetMs: store.clock.offset });
  });
  router.delete('/clock', (_req, res) => {
    store.clock.reset();
    res.status(204).end();
  });

  // Faults
  router.get('/faults', (_req, res) => {
    res.json({ value: faults.list() });
  });
  router.post('/faults', (req, res) => {
    res.status(201).json(faults.add(parseFaultRule(req.body)));
  });
  router.delete('/faults', (_req, res) => {
    faults.clear();
    res.status(204).end();
  });
  router.delete('/faults/:id', (req, res) => {
    if (!faults.remove(param(req, 'id')))
      throw new ControlError(404, 'not_found', `No fault rule '${param(req, 'id')}'.`);
    res.status(204).end();
  });

  // Graph's resource-unit throttling model (opt-in)
  router.get('/throttling', (_req, res) => {
    res.json(throttle.settings);
  });
  router.put('/throttling', (req, res) => {
    res.json(throttle.configure(throttlingFromBody(req.body)));
  });

  router.use(controlErrorHandler);
  return router;
}
