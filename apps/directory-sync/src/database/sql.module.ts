import { Module } from '@nestjs/common';
import { Sql } from './sql.repository';

@Module({ providers: [Sql], exports: [Sql] })
export class SqlModule {}
