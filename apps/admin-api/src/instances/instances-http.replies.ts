import { ApiProperty } from '@nestjs/swagger';
import type { InstanceView } from '@archive365/contracts';
import { ReplySchema } from '../openapi/reply-schema';
import { PageSchema } from '../pagination/page.schema';

@ReplySchema<InstanceView>('InstanceView', 'An archive instance')
export class InstanceViewSchema implements InstanceView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  alias!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ format: 'uri' })
  publicBaseUrl!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const InstancesPage = PageSchema(InstanceViewSchema, 'InstancesPage');
