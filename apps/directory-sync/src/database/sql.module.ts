import { Module } from '@nestjs/common';
import { Sql } from './sql';

@Module({ providers: [Sql], exports: [Sql] })
export class SqlModule {}
