import type { CheckSignInReply, CheckSignInRequest } from '@archive365/contracts';
import type { NatsConnection } from 'nats';
import { benchUsers } from './auth-gateway-fixture';

/**
 * Answers the gateway's sign-in check for the bench users, as directory sync does for synchronized,
 * enabled users: a stand-in so the benchmark measures the gateway, not a directory sync run.
 */
export function answerSignInChecks(nats: NatsConnection, namespace: string, tenantId: string): () => void {
  const byOid = new Map(benchUsers.map((user) => [user.id, user]));
  const subscription = nats.subscribe(`${namespace}.directory-sync.sign-in.check`, {
    callback: (_error, message) => {
      const check = message.json<CheckSignInRequest>();
      const user = byOid.get(check.oid);
      const reply: CheckSignInReply =
        user && check.tenantId === tenantId
          ? {
              allowed: true,
              user: {
                archiveUserId: user.id,
                userName: user.upn,
                displayName: user.displayName,
                primaryAddress: user.upn,
              },
            }
          : { allowed: false, reason: 'not-synchronized' };
      message.respond(JSON.stringify({ ok: true, data: reply }));
    },
  });
  return () => subscription.unsubscribe();
}
