import { Matches } from 'class-validator';
import { INSTANCE_ALIAS_PATTERN } from '../instances/instance.dto';
import { SafeText } from '../validation/safe-text';

/** Groups of the instance's directory whose name matches, for choosing the groups to archive. */
export class SearchGroupsRequest {
  @Matches(INSTANCE_ALIAS_PATTERN, { message: 'instanceAlias must be a valid instance alias' })
  instanceAlias!: string;

  /** Words of the group's display name (Graph `$search`, which matches word starts). */
  @SafeText({ maxLength: 100, nonEmpty: true })
  search!: string;
}

export interface GroupView {
  id: string;
  displayName: string;
  description?: string;
  mail?: string;
}

export interface SearchGroupsReply {
  /** At most 25, the first Graph answers; refine the words to find others. */
  items: GroupView[];
}
