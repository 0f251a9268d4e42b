import { SERVICE_NAMES, StatusSubjects, Subjects } from '@archive365/contracts';
import {
  allEventSubjects,
  allRpcSubjects,
  checkBusDeclarations,
  servicePermissions,
} from './bus-permissions';

const ns = 'acme';

describe('bus permissions from the contracts', () => {
  const permissions = Object.fromEntries(SERVICE_NAMES.map((s) => [s, servicePermissions(ns, s)]));

  it('lets only the declared callers ask for tokens, each only for the resources it needs', () => {
    const askers = (subject: { name: string }) =>
      SERVICE_NAMES.filter((s) => permissions[s].publish.includes(`${ns}.${subject.name}`)).sort();
    expect(askers(Subjects.AcquireGraphToken)).toEqual(['directory-sync', 'provisioning']);
    expect(askers(Subjects.AcquireExchangeToken)).toEqual(['provisioning']);
    for (const service of SERVICE_NAMES) {
      expect(
        permissions[service].publish.filter((subject) => subject.includes('tokens.acquire.')),
      ).not.toContainEqual(expect.stringMatching(/[*>]/));
    }
  });

  it('gives every request subject exactly one serving service, and status subjects to admin-api', () => {
    for (const subject of allRpcSubjects()) {
      const servers = SERVICE_NAMES.filter((s) => permissions[s].subscribe.includes(`${ns}.${subject.name}`));
      expect([subject.name, servers.length]).toEqual([subject.name, 1]);
    }
    expect(permissions['admin-api'].publish).toContain(`${ns}.${StatusSubjects.credentials.name}`);
    expect(permissions['directory-sync'].publish).not.toContain(`${ns}.${Subjects.CreateInstance.name}`);
  });

  it('gives each service an inbox of its own and no wildcard on the namespace', () => {
    for (const service of SERVICE_NAMES) {
      expect(permissions[service].subscribe).toContain(`_INBOX.${ns}.${service}.>`);
      expect(permissions[service].subscribe).not.toContain('_INBOX.>');
      expect([...permissions[service].publish, ...permissions[service].subscribe]).not.toContain(`${ns}.>`);
      expect(permissions[service].allowResponses).toBe(true);
    }
  });

  it('lets only the owning service publish an event, and a consumer only its declared durable', () => {
    expect(permissions.credentials.publish).toContain(`${ns}.events.instance.created`);
    expect(permissions['directory-sync'].publish).not.toContain(`${ns}.events.instance.created`);
    expect(permissions['directory-sync'].publish).toContain(
      '$JS.API.CONSUMER.CREATE.ACME_EVENTS.directory-sync_instance-created.acme.events.instance.created',
    );
    const consumers = new Set(allEventSubjects().flatMap((event) => event.consumers.map((c) => c.service)));
    for (const service of SERVICE_NAMES.filter((s) => !consumers.has(s))) {
      expect(permissions[service].publish.some((s) => s.startsWith('$JS.API.CONSUMER'))).toBe(false);
    }
  });

  it('accepts the declarations as they are', () => {
    expect(() => checkBusDeclarations()).not.toThrow();
  });
});
