import 'reflect-metadata';
import {
  Events,
  Subjects,
  type AccessTokenReply,
  type AcquireTokenRequest,
  type CredentialExpiringEvent,
  type CredentialRef,
  type CredentialView,
  type EventEnvelope,
  type InstanceView,
  type SignClientAssertionRequest,
} from '@archive365/contracts';
import { EVENT_HANDLER, EventHandler, RPC_HANDLER, RpcHandler } from '../src';

/**
 * A type-level test: each `@ts-expect-error` below is a handler whose shape does not fit its subject,
 * and the typecheck fails if any of them compiles (an unused `@ts-expect-error` is itself an error).
 * The runtime part checks that the decorators still attach the subject for discovery.
 */
class Handlers {
  @RpcHandler(Subjects.AcquireGraphToken)
  exact(request: AcquireTokenRequest): Promise<AccessTokenReply> {
    return Promise.resolve({ accessToken: request.credentialId, expiresOn: request.tenantId ?? '' });
  }

  /** A wider parameter is sound (the handler needs less than it gets); a plain reply is fine. */
  @RpcHandler(Subjects.AcquireGraphToken)
  wider(request: CredentialRef): AccessTokenReply {
    return { accessToken: request.credentialId, expiresOn: '' };
  }

  // @ts-expect-error the parameter is another subject's request
  @RpcHandler(Subjects.AcquireGraphToken)
  otherRequest(request: InstanceView): Promise<AccessTokenReply> {
    return Promise.resolve({ accessToken: request.alias, expiresOn: '' });
  }

  // @ts-expect-error the parameter asks for more than the subject's request has (`audience`)
  @RpcHandler(Subjects.GetCredential)
  narrower(request: SignClientAssertionRequest): Promise<CredentialView> {
    return Promise.reject(new Error(request.audience));
  }

  // @ts-expect-error the reply is another subject's
  @RpcHandler(Subjects.AcquireGraphToken)
  otherReply(request: AcquireTokenRequest): Promise<CredentialView> {
    return Promise.reject(new Error(request.credentialId));
  }

  @EventHandler(Events.CredentialExpiring, { durable: 'expiring' })
  async expiring(envelope: EventEnvelope<CredentialExpiringEvent>): Promise<void> {
    void envelope;
  }

  // @ts-expect-error the envelope carries another event's data
  @EventHandler(Events.CredentialExpiring, { durable: 'other' })
  async otherEvent(envelope: EventEnvelope<InstanceView>): Promise<void> {
    void envelope;
  }

  // @ts-expect-error an event handler settles asynchronously: it returns a promise
  @EventHandler(Events.CredentialExpiring, { durable: 'sync' })
  syncEvent(envelope: EventEnvelope<CredentialExpiringEvent>): void {
    void envelope;
  }
}

describe('typed handler decorators', () => {
  it('attach the subject and the event to the methods for discovery', () => {
    const prototype = Handlers.prototype;
    expect(Reflect.getMetadata(RPC_HANDLER, prototype.exact)).toBe(Subjects.AcquireGraphToken);
    expect(Reflect.getMetadata(EVENT_HANDLER, prototype.expiring)).toMatchObject({
      event: Events.CredentialExpiring,
      durable: 'expiring',
    });
  });
});
