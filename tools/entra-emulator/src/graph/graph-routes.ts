import type { GraphRoute } from './core/graph-route';
import { APP_ROLE_ASSIGNMENT_ROUTES } from './routes/app-role-assignments.routes';
import { APPLICATION_KEY_ROUTES } from './routes/application-keys.routes';
import { APPLICATION_ROUTES } from './routes/applications.routes';
import { GROUP_DELTA_ROUTES } from './routes/groups-delta.routes';
import { GROUP_ROUTES } from './routes/groups.routes';
import { MAIL_ROUTES } from './routes/mail.routes';
import { ORGANIZATION_ROUTES } from './routes/organization.routes';
import { PERMISSION_GRANT_ROUTES } from './routes/permission-grants.routes';
import { PLACE_ROUTES } from './routes/places.routes';
import { SERVICE_PRINCIPAL_ROUTES } from './routes/service-principals.routes';
import { USER_DELTA_ROUTES } from './routes/users-delta.routes';
import { USER_ROUTES } from './routes/users.routes';

/** Every Graph v1.0 operation the emulator serves. */
export const GRAPH_ROUTES: readonly GraphRoute[] = [
  ...USER_ROUTES,
  ...USER_DELTA_ROUTES,
  ...GROUP_ROUTES,
  ...GROUP_DELTA_ROUTES,
  ...ORGANIZATION_ROUTES,
  ...PLACE_ROUTES,
  ...APPLICATION_ROUTES,
  ...APPLICATION_KEY_ROUTES,
  ...SERVICE_PRINCIPAL_ROUTES,
  ...APP_ROLE_ASSIGNMENT_ROUTES,
  ...PERMISSION_GRANT_ROUTES,
  ...MAIL_ROUTES,
];
