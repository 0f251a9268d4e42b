import type { Type } from '@nestjs/common';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { Page } from './page';

/** The OpenAPI schema of a page of `item`s, named `name` (e.g. `InstancesPage`). */
export function PageSchema<Item>(item: Type<Item>, name: string): Type<Page<Item>> {
  @ApiSchema({ name })
  class PageOfItems implements Page<Item> {
    @ApiProperty({ type: () => [item] })
    items!: Item[];

    @ApiProperty({ type: 'integer', description: 'How many items all the pages hold' })
    total!: number;

    @ApiProperty({ type: 'integer' })
    limit!: number;

    @ApiProperty({ type: 'integer', description: 'Where this page starts' })
    offset!: number;
  }
  return PageOfItems;
}
