import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per event a consumer has applied: the record that makes redeliveries harmless. */
@Entity({ name: 'processed_events' })
export class ProcessedEvent {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  consumer!: string;

  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 100 })
  eventId!: string;

  @Column({ name: 'processed_at', type: 'varchar', length: 30 })
  processedAt!: string;
}
