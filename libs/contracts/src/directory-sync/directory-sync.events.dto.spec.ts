import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ArchiveUsersChangedEvent } from './directory-sync.events.dto';

const change = {
  change: 'created',
  archiveUserId: '11111111-2222-4333-8444-555555555555',
  archiveId: '11111111-2222-4333-8444-666666666666',
  tenantId: 'a1b2c3d4-0000-4000-8000-000000000000',
  oid: 'b1b2c3d4-0000-4000-8000-000000000000',
  userName: 'ada@contoso.com',
  displayName: 'Ada',
  primaryAddress: 'ada@contoso.com',
  aliases: ['ada@contoso.com'],
  archiveCreated: true,
  archiveDeleted: false,
};

async function problems(changes: unknown[]): Promise<string[]> {
  const event = plainToInstance(ArchiveUsersChangedEvent, {
    runId: '21111111-2222-4333-8444-555555555555',
    instanceAlias: 'contoso',
    batch: 0,
    changes,
  });
  return (await validate(event)).flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('ArchiveUsersChangedEvent', () => {
  it('accepts well-formed changes', async () => {
    expect(await problems([change, { ...change, change: 'disabled', archiveCreated: false }])).toEqual([]);
  });

  it('names the change and the field at fault', async () => {
    expect(await problems([change, { ...change, archiveId: 'nope' }])).toEqual([
      'changes[1].archiveId must be a GUID',
    ]);
    expect(await problems([{ ...change, change: 'renamed' }])).toEqual([
      'changes[0].change must be one of created, updated, disabled, deleted, relinked',
    ]);
    expect(await problems([{ ...change, aliases: [1] }])).toEqual([
      'changes[0].aliases must be a list of addresses',
    ]);
  });
});
