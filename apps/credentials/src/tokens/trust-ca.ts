import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { ClientCertificateCredentialOptions } from '@azure/identity';

type PipelinePolicy = NonNullable<ClientCertificateCredentialOptions['additionalPolicies']>[number];

/** An HTTPS agent trusting the public roots plus one extra CA (a private authority, or the emulator's). */
export function agentTrusting(caPem: string): Agent {
  return new Agent({ ca: [...rootCertificates, caPem], keepAlive: true });
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
