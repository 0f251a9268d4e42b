import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.repository';

/** Owns `recreated_user_decisions`: the administrator's link / keep-apart choice per new oid. */
@Injectable()
export class RecreatedDecisionsRepository {
  constructor(private readonly sql: Sql) {}

  async record(instanceId: string, oid: string, decision: 'link' | 'keep-apart'): Promise<void> {
    await this.sql.execute(
      `INSERT INTO recreated_user_decisions (instance_id, oid, decision, decided_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (instance_id, oid) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at`,
      [instanceId, oid.toLowerCase(), decision, new Date().toISOString()],
    );
  }
}
