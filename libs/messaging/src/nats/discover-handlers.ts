import type { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

export interface DiscoveredHandler<Meta> {
  meta: Meta;
  /** `Provider.method`, for logs. */
  label: string;
  invoke: (...args: unknown[]) => unknown;
}

/** Finds every provider method decorated with the given metadata key. */
export function discoverHandlers<Meta>(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
  key: symbol,
): DiscoveredHandler<Meta>[] {
  const found: DiscoveredHandler<Meta>[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const method = (instance as Record<string, unknown>)[name];
      if (typeof method !== 'function') continue;
      const meta = reflector.get<Meta | undefined>(key, method as (...args: unknown[]) => unknown);
      if (meta === undefined) continue;
      found.push({
        meta,
        label: `${instance.constructor.name}.${name}`,
        invoke: (...args) => (method as (...a: unknown[]) => unknown).apply(instance, args),
      });
    }
  }
  return found;
}
