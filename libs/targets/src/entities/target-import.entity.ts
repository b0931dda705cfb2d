import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const TARGET_IMPORT_KINDS = ['targets', 'area-lookups'] as const;
export type TargetImportKind = (typeof TARGET_IMPORT_KINDS)[number];

/**
 * uploaded -> checking -> checked (the dry run's counts and errors) -> applying -> applied; failed on an unreadable
 * file. A dry run is the same pass as the apply with the writes rolled back, so its counts are what apply will do.
 */
export const TARGET_IMPORT_STATUSES = ['uploaded', 'checking', 'checked', 'applying', 'applied', 'failed'] as const;
export type TargetImportStatus = (typeof TARGET_IMPORT_STATUSES)[number];

/** What happens to the organisation's entries the file does not mention. */
export const MISSING_ENTRY_POLICIES = ['keep', 'disable', 'delete'] as const;
export type MissingEntryPolicy = (typeof MISSING_ENTRY_POLICIES)[number];

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

/** One CSV import of targets or area lookups: its file (in chunks, below), mapping, choices, progress and outcome. */
@Entity('target_imports')
@Index('target_imports_org_idx', ['organisationId', 'createdAt'])
export class TargetImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  kind: TargetImportKind;

  @Column({ type: 'text', default: 'uploaded' })
  status: TargetImportStatus;

  @Column({ type: 'text', default: '' })
  fileName: string;

  @Column({ type: 'bigint', default: 0 })
  fileBytes: string;

  /** The file's header row, so the console can offer the column mapping. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  columns: string[];

  /** Rally field -> CSV column. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  mapping: Record<string, string>;

  @Column({ type: 'text', default: 'keep' })
  missing: MissingEntryPolicy;

  @Column({ type: 'int', default: 0 })
  rowsTotal: number;

  @Column({ type: 'int', default: 0 })
  rowsDone: number;

  @Column({ type: 'int', default: 0 })
  created: number;

  @Column({ type: 'int', default: 0 })
  updated: number;

  @Column({ type: 'int', default: 0 })
  unchanged: number;

  /** Entries missing from the file that were (or, in a dry run, would be) disabled or deleted. */
  @Column({ type: 'int', default: 0 })
  removed: number;

  @Column({ type: 'int', default: 0 })
  errorCount: number;

  /** The first errors by row number and field (the count above has them all). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors: ImportRowError[];

  @Column({ type: 'text', nullable: true })
  failure: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * The uploaded file, in pieces of at most 1 MiB as the upload streamed in: api and worker share no disk, and a job
 * reads the pieces back in order without holding the whole file.
 */
@Entity('target_import_chunks')
export class TargetImportChunk {
  @PrimaryColumn({ type: 'uuid' })
  importId: string;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'bytea' })
  data: Buffer;
}
