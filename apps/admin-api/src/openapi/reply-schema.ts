import { applyDecorators, type Type } from '@nestjs/common';
import { ApiSchema } from '@nestjs/swagger';

/** Both ways assignable, and the same field names: optional and required fields included. */
export type SameShape<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;

type Matching<Schema, Contract> =
  SameShape<Schema, Contract> extends true
    ? unknown
    : { error: 'the schema class does not match its contract' };

/**
 * Names the OpenAPI schema of a reply after its contract and ties the class to the contract's type:
 * the class compiles only while it has the contract's fields, each of the same type and optionality.
 * So a field added to a reply in `libs/contracts` fails the admin API's typecheck until its schema
 * documents it, and the reply types stay written once, as the services' contracts.
 */
export function ReplySchema<Contract>(name: string, description?: string) {
  return <Schema extends Type<object>>(schema: Schema & Matching<InstanceType<Schema>, Contract>): void => {
    applyDecorators(ApiSchema({ name, description }))(schema);
  };
}

/** Every member of a string union, each once: it compiles only when none is missing. */
export function everyValueOf<Union extends string>() {
  return <const Values extends readonly Union[]>(
    ...values: Values & ([Exclude<Union, Values[number]>] extends [never] ? unknown : never)
  ): Union[] => [...values];
}
