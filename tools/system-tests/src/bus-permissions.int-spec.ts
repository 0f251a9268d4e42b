import { randomUUID } from 'node:crypto';
import { Events, StatusSubjects, Subjects, type ServiceName } from '@archive365/contracts';
import { eventStreamName, RpcClient, type MessagingOptions } from '@archive365/messaging';
import { connectAs, waitFor } from '@archive365/testing';
import { ErrorCode as NatsErrorCode, JSONCodec, type NatsConnection, type Subscription } from 'nats';
import { TestPlatform } from './support/platform';

const json = JSONCodec();

/**
 * The bus as an attacker on the same network sees it: every service connects with its own NKey, and
 * the server configuration generated from the contracts lets each do only what the contracts declare.
 */
describe('bus permissions generated from the contracts', () => {
  const platform = TestPlatform.create();
  const ns = platform.ns.namespace;
  const wire = (name: string) => `${ns}.${name}`;
  const connections: NatsConnection[] = [];

  const as = async (identity: ServiceName | 'stranger') => {
    const nc = await connectAs(platform.ns.server, identity);
    connections.push(nc);
    return nc;
  };
  const rpcAs = async (identity: ServiceName) => {
    const options: MessagingOptions = {
      servers: [platform.ns.natsUrl],
      namespace: ns,
      serviceName: identity,
    };
    return new RpcClient(await as(identity), options);
  };

  beforeAll(async () => {
    await platform.start('credentials');
    await platform.start('directory-sync');
  });

  afterAll(async () => {
    await Promise.all(connections.map((nc) => nc.close()));
    await platform.close();
  });

  describe('allowed', () => {
    it('lets admin-api create an instance and read every status subject', async () => {
      const rpc = await rpcAs('admin-api');
      const instance = await rpc.send(Subjects.CreateInstance, {
        alias: 'contoso',
        displayName: 'Contoso',
        publicBaseUrl: 'https://archive.example.net',
      });
      expect(instance.alias).toBe('contoso');
      await expect(rpc.send(StatusSubjects.credentials, {})).resolves.toMatchObject({
        service: 'credentials',
      });
    });

    it('lets directory-sync ask for a Graph token (answered by the credentials service, not refused by the bus)', async () => {
      const rpc = await rpcAs('directory-sync');
      await expect(
        rpc.send(Subjects.AcquireGraphToken, { credentialId: randomUUID() }),
      ).rejects.toMatchObject({
        body: { code: 'NOT_FOUND' },
      });
    });

    it('lets provisioning ask for Graph and Exchange tokens', async () => {
      const rpc = await rpcAs('provisioning');
      for (const subject of [Subjects.AcquireGraphToken, Subjects.AcquireExchangeToken]) {
        await expect(rpc.send(subject, { credentialId: randomUUID() })).rejects.toMatchObject({
          body: { code: 'NOT_FOUND' },
        });
      }
    });

    it('refuses a resource named in the request: the subject alone says which token', async () => {
      const rpc = await rpcAs('directory-sync');
      await expect(
        rpc.send(Subjects.AcquireGraphToken, {
          credentialId: randomUUID(),
          // What an old or hostile caller could send: not a field of the request any more.
          ...({ scope: 'https://outlook.office365.com/.default' } as object),
        }),
      ).rejects.toMatchObject({ body: { code: 'VALIDATION_FAILED' } });
    });

    it('lets the credentials service publish its events, and directory-sync consume them', async () => {
      // The instance created above reached directory-sync through its durable consumer.
      const rpc = await rpcAs('admin-api');
      const profile = await waitFor('the sync profile of the new instance', () =>
        rpc.send(Subjects.AssignSyncCredential, { instanceAlias: 'contoso' }).catch(() => undefined),
      );
      expect(profile).toMatchObject({ instanceAlias: 'contoso' });
    });
  });

  describe('refused', () => {
    it('refuses a token request from a service that does not need tokens', async () => {
      const nc = await as('admin-api');
      for (const subject of [Subjects.AcquireGraphToken, Subjects.AcquireExchangeToken]) {
        await expectRefused(
          nc.request(wire(subject.name), json.encode({ credentialId: randomUUID() }), { timeout: 2000 }),
        );
      }
    });

    it('refuses a service allowed Graph tokens an Exchange token, at the bus', async () => {
      const nc = await as('directory-sync');
      await expectRefused(
        nc.request(wire(Subjects.AcquireExchangeToken.name), json.encode({ credentialId: randomUUID() }), {
          timeout: 2000,
        }),
      );
    });

    it('refuses a request from an authenticated stranger', async () => {
      const nc = await as('stranger');
      await expectRefused(nc.request(wire(Subjects.ListInstances.name), json.encode({}), { timeout: 2000 }));
    });

    it("refuses a stranger's subscription to every inbox", async () => {
      const nc = await as('stranger');
      await expectSubscriptionRefused(nc.subscribe('_INBOX.>'));
      await expectSubscriptionRefused(nc.subscribe(`${platform.ns.server.inboxPrefixOf('admin-api')}.>`));
    });

    it("refuses a stranger's subscription to a service's subjects and to the events", async () => {
      const nc = await as('stranger');
      await expectSubscriptionRefused(nc.subscribe(`${ns}.credentials.>`));
      await expectSubscriptionRefused(nc.subscribe(wire(Subjects.AcquireGraphToken.name)));
      await expectSubscriptionRefused(nc.subscribe(`${ns}.credentials.tokens.acquire.>`));
      await expectSubscriptionRefused(nc.subscribe(`${ns}.events.>`));
    });

    it("refuses a service reading another's replies or answering another's subjects", async () => {
      const nc = await as('directory-sync');
      await expectSubscriptionRefused(nc.subscribe(`${platform.ns.server.inboxPrefixOf('provisioning')}.>`));
      await expectSubscriptionRefused(
        nc.subscribe(wire(Subjects.AcquireGraphToken.name), { queue: 'credentials' }),
      );
    });

    it("refuses a service publishing another service's events", async () => {
      const nc = await as('directory-sync');
      await expectRefused(
        nc
          .jetstream()
          .publish(
            `${ns}.events.${Events.InstanceCreated.name}`,
            json.encode({ id: randomUUID(), type: Events.InstanceCreated.name, data: {} }),
            { timeout: 2000 },
          ),
      );
    });

    it('refuses a durable consumer the contracts do not declare for the service', async () => {
      const nc = await as('provisioning');
      const jsm = await nc.jetstreamManager();
      await expectRefused(
        jsm.consumers.add(eventStreamName({ namespace: ns }), {
          durable_name: 'directory-sync_instance-created',
          filter_subject: `${ns}.events.${Events.InstanceCreated.name}`,
        }),
      );
    });
  });
});

async function expectRefused(attempt: Promise<unknown>): Promise<void> {
  await expect(attempt).rejects.toMatchObject({ code: NatsErrorCode.PermissionsViolation });
}

async function expectSubscriptionRefused(subscription: Subscription): Promise<void> {
  const outcome = (async () => {
    for await (const _ of subscription) {
      throw new Error(`subscription to ${subscription.getSubject()} received a message`);
    }
    return 'closed without an error';
  })();
  await expect(outcome).rejects.toMatchObject({ code: NatsErrorCode.PermissionsViolation });
}
