import { accessSync, constants, statSync } from 'node:fs';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A path to a file this process can read (a mounted secret, a CA bundle): checked at start-up. */
export function IsReadableFile(what: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReadableFile',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          try {
            accessSync(value, constants.R_OK);
            return statSync(value).isFile();
          } catch {
            return false;
          }
        },
        defaultMessage: () => `must be the path of a readable file (${what})`,
      },
    },
    options,
  );
}
