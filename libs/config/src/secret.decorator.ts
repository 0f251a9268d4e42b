const SECRET_KEYS = Symbol('config:secrets');

/** Marks a configuration field as a secret: it is never printed, logged or echoed in an error. */
export function Secret(): PropertyDecorator {
  return (target, key) => {
    const existing: string[] = Reflect.getMetadata(SECRET_KEYS, target) ?? [];
    Reflect.defineMetadata(SECRET_KEYS, [...existing, String(key)], target);
  };
}

export function secretKeysOf(config: object): Set<string> {
  return new Set<string>(Reflect.getMetadata(SECRET_KEYS, config) ?? []);
}
