import express, { type Router } from 'express';
import type { MemoryStore } from '../store/memory-store';
import {
  directoryRolesFromBody,
  licenseChangeFromBody,
  memberIdFromBody,
  newGroupFromBody,
  newUserFromBody,
  passwordFromBody,
  userChangesFromBody,
} from './directory-control-bodies';
import { ControlError } from './directory-control-errors';
import { param, tenantFrom } from './directory-control-params';
import { userView } from './directory-control-views';

/** Joiners, leavers, renames, license, password, role and group membership changes. */
export function createPeopleControlRouter(store: MemoryStore): Router {
  const router = express.Router();
  const users = '/tenants/:tenant/users';
  router.post(users, (req, res) => {
    const { user, licenseSkuIds } = newUserFromBody(req.body);
    res.status(201).json(userView(tenantFrom(store, req).createUser(user, licenseSkuIds)));
  });
  router.get(`${users}/:user`, (req, res) => {
    const user = tenantFrom(store, req).users.byIdOrUpn(param(req, 'user'));
    if (!user) throw new ControlError(404, 'not_found', `No user '${param(req, 'user')}'.`);
    res.json(userView(user));
  });
  router.patch(`${users}/:user`, (req, res) => {
    res.json(userView(tenantFrom(store, req).updateUser(param(req, 'user'), userChangesFromBody(req.body))));
  });
  router.delete(`${users}/:user`, (req, res) => {
    res.json(userView(tenantFrom(store, req).deleteUser(param(req, 'user'))));
  });
  router.post(`${users}/:user/restore`, (req, res) => {
    res.json(userView(tenantFrom(store, req).restoreUser(param(req, 'user'))));
  });
  router.delete('/tenants/:tenant/deletedUsers/:user', (req, res) => {
    tenantFrom(store, req).purgeUser(param(req, 'user'));
    res.status(204).end();
  });
  router.put(`${users}/:user/password`, (req, res) => {
    tenantFrom(store, req).setPassword(param(req, 'user'), passwordFromBody(req.body));
    res.status(204).end();
  });
  router.post(`${users}/:user/licenses`, (req, res) => {
    const { add, remove } = licenseChangeFromBody(req.body);
    res.json(userView(tenantFrom(store, req).changeLicenses(param(req, 'user'), add, remove)));
  });
  // Makes a (resource) mailbox a room, as Exchange's `Set-Mailbox -Type Room` does.
  router.put(`${users}/:user/room`, (req, res) => {
    const tenant = tenantFrom(store, req);
    const user = tenant.users.byIdOrUpn(param(req, 'user'));
    if (!user) throw new ControlError(404, 'not_found', `No user '${param(req, 'user')}'.`);
    tenant.mailboxes.markRoom(user.id);
    res.status(204).end();
  });
  router.put(`${users}/:user/directoryRoles`, (req, res) => {
    tenantFrom(store, req).setUserDirectoryRoles(param(req, 'user'), directoryRolesFromBody(req.body));
    res.status(204).end();
  });

  const groups = '/tenants/:tenant/groups';
  router.post(groups, (req, res) => {
    const group = tenantFrom(store, req).createGroup(newGroupFromBody(req.body));
    res
      .status(201)
      .json({ id: group.id, displayName: group.displayName, memberIds: group.emulatorMemberIds });
  });
  router.delete(`${groups}/:group`, (req, res) => {
    tenantFrom(store, req).deleteGroup(param(req, 'group'));
    res.status(204).end();
  });
  router.post(`${groups}/:group/members`, (req, res) => {
    tenantFrom(store, req).addGroupMember(param(req, 'group'), memberIdFromBody(req.body));
    res.status(204).end();
  });
  router.delete(`${groups}/:group/members/:member`, (req, res) => {
    tenantFrom(store, req).removeGroupMember(param(req, 'group'), param(req, 'member'));
    res.status(204).end();
  });
  return router;
}
