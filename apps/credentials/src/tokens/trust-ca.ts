import { Agent } from 'node:https';
import type { ClientCertificateCredentialOptions } from '@azure/identity';
import { trustingRootsAnd } from '@archive365/service-kit';

type PipelinePolicy = NonNullable<ClientCertificateCredentialOptions['additionalPolicies']>[number];

/** An HTTPS agent trusting the public roots plus one extra CA (a private authority, or the emulator's). */
export function agentTrusting(caPem: string): Agent {
  return new Agent({ secureContext: trustingRootsAnd(caPem), keepAlive: true });
}

/**
 * An @azure/identity pipeline policy that sends a credential's requests (MSAL's too) through `agent`,
 * so the extra CA is trusted by that client only, not by the whole process.
 */
export function throughAgent(agent: Agent): PipelinePolicy {
  return {
    position: 'perCall',
    policy: {
      name: 'trust-extra-ca',
      sendRequest: (request, next) => next(Object.assign(request, { agent })),
    },
  };
}
