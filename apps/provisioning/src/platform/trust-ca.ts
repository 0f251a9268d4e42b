import { readFileSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import type { TokenCredentialOptions } from '@azure/identity';
import { trustingRootsAnd } from '@archive365/service-kit';
import { Agent as UndiciAgent } from 'undici';

type PipelinePolicy = NonNullable<TokenCredentialOptions['additionalPolicies']>[number];

/**
 * Trust for an extra CA (a private authority, or the emulator's), given to our own clients only and
 * never to the whole process: MSAL's requests through a pipeline policy, fetch through a dispatcher.
 */
export class ExtraCaTrust {
  readonly identityPolicies: PipelinePolicy[];
  /** For global fetch (`dispatcher` option); undefined when the public roots suffice. */
  readonly dispatcher?: UndiciAgent;

  constructor(caFile: string | undefined) {
    if (!caFile) {
      this.identityPolicies = [];
      return;
    }
    const secureContext = trustingRootsAnd(readFileSync(caFile, 'utf8'));
    const agent = new HttpsAgent({ secureContext, keepAlive: true });
    this.identityPolicies = [
      {
        position: 'perCall',
        policy: {
          name: 'trust-extra-ca',
          sendRequest: (request, next) => next(Object.assign(request, { agent })),
        },
      },
    ];
    this.dispatcher = new UndiciAgent({ connect: { secureContext } });
  }

  /** `fetch` that trusts the extra CA. */
  fetch(url: string, init: RequestInit = {}): Promise<Response> {
    return fetch(url, {
      ...init,
      ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
    } as unknown as RequestInit);
  }
}
