import type { CredentialView } from '@archive365/contracts';
import { ProvisioningError } from '../errors/provisioning.error';
import { GraphCallError, type GraphSession } from '../graph/graph-session';
import { credentialView } from '../../test/support/credential-view';
import { applicationObjectIdOf, type ApplicationObjectIdSources } from './application-object-id';

const OBJECT_ID = 'c0ffee00-7777-4000-8000-0000000000a1';
const CLIENT_ID = 'c0ffee00-7777-4000-8000-0000000000a2';

const credential = (owner: CredentialView['owner']) => credentialView(owner, { clientId: CLIENT_ID });

/** Sources that know nothing; the Graph lookup answers what `find` does. */
function sources(find: (path: string) => Promise<unknown>): ApplicationObjectIdSources & { paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    fromSetup: async () => undefined,
    fromEarlierRenewal: async () => undefined,
    graphAsApp: () =>
      ({
        find: async (path: string) => {
          paths.push(path);
          return find(path);
        },
      }) as unknown as GraphSession,
  };
}

describe('applicationObjectIdOf', () => {
  it("looks the provider app up by its client id in the provider's tenant", async () => {
    const known = sources(async () => ({ id: OBJECT_ID }));
    await expect(applicationObjectIdOf(credential('provider'), undefined, known)).resolves.toBe(OBJECT_ID);
    expect(known.paths).toEqual([`/applications(appId='${CLIENT_ID}')`]);
  });

  it('prefers the Object ID given, and never looks up an instance app', async () => {
    const lookups = sources(async () => ({ id: 'other' }));
    await expect(applicationObjectIdOf(credential('provider'), OBJECT_ID, lookups)).resolves.toBe(OBJECT_ID);
    await expect(applicationObjectIdOf(credential('instance'), undefined, lookups)).rejects.toMatchObject({
      publicMessage: 'the app registration of credential credential-1 is not known to this service',
    });
    expect(lookups.paths).toEqual([]);
  });

  it('asks for the Object ID when the provider app may not read its own registration', async () => {
    const refused = sources(async (path) => {
      throw new GraphCallError(403, 'Authorization_RequestDenied', 'Insufficient privileges', 'GET', path);
    });
    const error = (await applicationObjectIdOf(credential('provider'), undefined, refused).catch(
      (caught: unknown) => caught,
    )) as ProvisioningError;
    expect(error).toBeInstanceOf(ProvisioningError);
    expect(error.publicMessage).toBe(
      `the provider's app registration (client id ${CLIENT_ID}) cannot be read in tenant hosting.example with the provider credential credential-1, so its Object ID is not known`,
    );
    expect(error.details).toMatchObject({ field: 'applicationObjectId' });
  });

  it('lets other Graph failures through (retried or explained by the caller)', async () => {
    const down = sources(async (path) => {
      throw new GraphCallError(503, 'ServiceUnavailable', 'try later', 'GET', path);
    });
    await expect(applicationObjectIdOf(credential('provider'), undefined, down)).rejects.toBeInstanceOf(
      GraphCallError,
    );
  });
});
