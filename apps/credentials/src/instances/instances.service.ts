import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Events, type CreateInstanceRequest, type InstanceView } from '@archive365/contracts';
import { EventPublisher } from '@archive365/messaging';
import { CredentialsError, CredentialsErrorCode } from '../errors';
import { InstancesRepository, type Instance } from '../store';

@Injectable()
export class InstancesService {
  constructor(
    private readonly instances: InstancesRepository,
    private readonly events: EventPublisher,
  ) {}

  /**
   * Idempotent: creating an instance that exists with the same fields answers it again and announces
   * it again (same event id, so a consumer applies it once). That is how a caller recovers when the
   * announcement failed after the row was written.
   */
  async create(request: CreateInstanceRequest): Promise<InstanceView> {
    const wanted = {
      alias: request.alias,
      displayName: request.displayName,
      publicBaseUrl: request.publicBaseUrl.replace(/\/+$/, ''),
    };
    const instance = await this.instances.insertUnlessAliasExists({
      id: randomUUID(),
      ...wanted,
      createdAt: new Date().toISOString(),
    });
    if (instance.displayName !== wanted.displayName || instance.publicBaseUrl !== wanted.publicBaseUrl) {
      throw aliasTaken(wanted.alias);
    }
    await this.events.publish(Events.InstanceCreated, toEventData(instance), {
      id: `instance.created:${instance.id}`,
    });
    return toView(instance);
  }

  async get(alias: string): Promise<InstanceView> {
    return toView(await this.findByAlias(alias));
  }

  async findByAlias(alias: string, field = 'alias'): Promise<Instance> {
    const instance = await this.instances.findByAlias(alias);
    if (!instance) {
      throw new CredentialsError(
        CredentialsErrorCode.InstanceNotFound,
        `no instance has the alias "${alias}"`,
        {
          field,
          hint: 'list the instances to see the aliases in use',
        },
      );
    }
    return instance;
  }

  async list(aliasPrefix?: string): Promise<InstanceView[]> {
    const all = await this.instances.listByAlias();
    return all.filter((instance) => !aliasPrefix || instance.alias.startsWith(aliasPrefix)).map(toView);
  }
}

function aliasTaken(alias: string): CredentialsError {
  return new CredentialsError(
    CredentialsErrorCode.InstanceAliasTaken,
    `an instance with the alias "${alias}" already exists`,
    {
      field: 'alias',
      hint: 'choose another alias; aliases are unique across the deployment',
    },
  );
}

function toView(instance: Instance): InstanceView {
  return {
    id: instance.id,
    alias: instance.alias,
    displayName: instance.displayName,
    publicBaseUrl: instance.publicBaseUrl,
    createdAt: instance.createdAt,
  };
}

function toEventData(instance: Instance) {
  return {
    id: instance.id,
    alias: instance.alias,
    displayName: instance.displayName,
    publicBaseUrl: instance.publicBaseUrl,
  };
}
