import { Administrator } from '../administrators/administrator.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { SignInRequest } from '../auth/sign-in-request.entity';
import { AccessToken } from '../tokens/access-token.entity';

/** The admin API's own tables (its migrations create them). */
export const ADMIN_API_ENTITIES = [Administrator, AccessToken, SignInRequest, AuditEvent];
