import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { ErrorCode } from '@archive365/contracts';
import { validatePayload } from './validate-payload';

class Owner {
  @IsString()
  name!: string;
}

class Parcel {
  @IsInt()
  weight!: number;

  @ValidateNested()
  @Type(() => Owner)
  owner!: Owner;
}

function parcel(fields: Partial<Parcel>): Parcel {
  return Object.assign(new Parcel(), fields);
}

describe('validatePayload', () => {
  it('accepts a plain body, returning it copied into the DTO classes', async () => {
    const outcome = await validatePayload(Parcel, { weight: 3, owner: { name: 'Ada' } });
    expect(outcome.ok && outcome.value).toBeInstanceOf(Parcel);
    expect(outcome.ok && outcome.value.owner).toBeInstanceOf(Owner);
  });

  it('validates a value already built as the DTO as it is, without a copy', async () => {
    const value = parcel({ weight: 3, owner: Object.assign(new Owner(), { name: 'Ada' }) });
    const outcome = await validatePayload(Parcel, value);
    expect(outcome).toEqual({ ok: true, value });
    expect(outcome.ok && outcome.value).toBe(value);
  });

  it('refuses an invalid DTO instance as it refuses the same plain body', async () => {
    const owner = Object.assign(new Owner(), { name: 'Ada' });
    const fromInstance = await validatePayload(Parcel, parcel({ weight: 1.5, owner }));
    const fromPlain = await validatePayload(Parcel, { weight: 1.5, owner: { name: 'Ada' } });
    expect(fromInstance).toEqual({
      ok: false,
      error: {
        code: ErrorCode.ValidationFailed,
        message: 'weight must be an integer number',
        field: 'weight',
      },
    });
    expect(fromInstance).toEqual(fromPlain);
  });

  it('refuses unknown fields on a DTO instance by default', async () => {
    const value = Object.assign(parcel({ weight: 3, owner: Object.assign(new Owner(), { name: 'Ada' }) }), {
      extra: true,
    });
    const outcome = await validatePayload(Parcel, value);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.field).toBe('extra');
  });

  it('refuses a DTO instance whose nested value is a plain object instead of its class', async () => {
    const outcome = await validatePayload(Parcel, parcel({ weight: 3, owner: { name: 'Ada' } }));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.field).toMatch(/^owner/);
  });
});
