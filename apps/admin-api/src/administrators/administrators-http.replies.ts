import { ApiProperty } from '@nestjs/swagger';
import { ReplySchema } from '../openapi/reply-schema';
import { PageSchema } from '../pagination/page.schema';
import type { AdministratorView } from './administrators-http.dto';

@ReplySchema<AdministratorView>('AdministratorView', 'A person allowed to sign in to the admin API')
export class AdministratorViewSchema implements AdministratorView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({ format: 'uuid' })
  objectId!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export const AdministratorsPage = PageSchema(AdministratorViewSchema, 'AdministratorsPage');
