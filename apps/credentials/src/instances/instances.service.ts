import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Events, type CreateInstanceRequest, type InstanceView } from '@archive365/contracts';
import { EventPublisher } from '@archive365/messaging';
import { Repository } from 'typeorm';
import { CredentialsError, CredentialsErrorCode } from '../errors/credentials.error';
import { Instance } from './instance.entity';

@Injectable()
export class InstancesService {
  constructor(
    @InjectRepository(Instance) private readonly instances: Repository<Instance>,
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
    let instance = await this.instances.findOneBy({ alias: wanted.alias });
    if (!instance) {
      instance = this.instances.create({ id: randomUUID(), ...wanted, createdAt: new Date().toISOString() });
      try {
        await this.instances.insert(instance);
      } catch (error) {
        // Two replicas creating the same alias at once: the unique index decides.
        instance = await this.instances.findOneBy({ alias: wanted.alias });
        if (!instance) throw error;
      }
    }
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
    const instance = await this.instances.findOneBy({ alias });
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
    const all = await this.instances.find({ order: { alias: 'ASC' } });
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
