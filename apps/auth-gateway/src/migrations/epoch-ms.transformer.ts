import type { ValueTransformer } from 'typeorm';

/** bigint columns hold epoch milliseconds; PostgreSQL hands bigint back as a string. */
export const epochMs: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
