import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ListArchiveUsersRequest } from '../directory-sync/archive-user.dto';
import { ListPlanItemsRequest } from '../directory-sync/sync-run.dto';
import { pageRequestWithLimit } from './page-request.dto';

async function problems(type: new () => object, plain: object): Promise<string[]> {
  const errors = await validate(plainToInstance(type, plain));
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

const RUN_ID = '11111111-2222-4333-8444-555555555555';

describe('the shared paging fields', () => {
  it('page the archive users and the plan with the same rules', async () => {
    const lists = [
      [ListArchiveUsersRequest, { instanceAlias: 'acme' }],
      [ListPlanItemsRequest, { runId: RUN_ID }],
    ] as const;
    for (const [type, base] of lists) {
      expect(await problems(type, { ...base, limit: '25', offset: '50' })).toEqual([]);
      expect(plainToInstance<object, object>(type, { ...base, limit: '25' })).toMatchObject({ limit: 25 });
      expect(await problems(type, { ...base, limit: 1001 })).toEqual(['limit must be between 1 and 1000']);
      expect(await problems(type, { ...base, offset: -1 })).toEqual(['offset must be 0 or more']);
      expect(await problems(type, { ...base, offset: '1.5' })).toContain('offset must be a whole number');
      expect(await problems(type, { ...base, limit: null })).toContain('limit must be a whole number');
    }
  });

  it('take the largest page their owner serves', async () => {
    const SmallPages = pageRequestWithLimit(200);
    expect(await problems(SmallPages, { limit: 200 })).toEqual([]);
    expect(await problems(SmallPages, { limit: 201 })).toEqual(['limit must be between 1 and 200']);
    expect(await problems(ListArchiveUsersRequest, { instanceAlias: 'acme', limit: 201 })).toEqual([]);
  });
});
