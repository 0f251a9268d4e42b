import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../pagination/page';

export class InstancesListQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(63)
  aliasPrefix?: string;
}
