import type { QueueOptions, WorkerOptions, Processor } from 'bullmq';
import { Queue, Worker, createPostgresBackend, withBackend } from 'bullmq';
import { Redis } from 'ioredis';

/** Where jobs live: Redis in production, PostgreSQL (BullMQ's PostgreSQL backend) in the embedded default. */
export abstract class QueueBackend {
  abstract readonly kind: 'redis' | 'postgres';
  abstract createQueue(name: string, opts?: Omit<QueueOptions, 'connection'>): Queue;
  abstract createWorker(name: string, processor: Processor, opts: Omit<WorkerOptions, 'connection'>): Worker;
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}

/** Postgres-backed queues live in their own schema, apart from Rally's tables. */
const QUEUE_SCHEMA = 'bullmq';

export function createQueueBackend(redisUrl: string | undefined, databaseUrl: string, prefix = 'rally'): QueueBackend {
  if (redisUrl) {
    // One shared connection for producers; workers need their own blocking connections, which BullMQ creates from options.
    const shared = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    const workerConnection = { url: redisUrl, maxRetriesPerRequest: null };
    return {
      kind: 'redis',
      createQueue: (name, opts) => new Queue(name, { ...opts, prefix, connection: shared }),
      createWorker: (name, processor, opts) =>
        new Worker(name, processor, { ...opts, prefix, connection: workerConnection as never }),
      ping: async () => {
        await shared.ping();
      },
      close: async () => {
        await shared.quit().catch(() => undefined);
      },
    };
  }
  const pg = withBackend(createPostgresBackend);
  const connection = { connectionString: databaseUrl, schema: QUEUE_SCHEMA, migrate: true, max: 5 };
  const queues: Queue[] = [];
  return {
    kind: 'postgres',
    createQueue: (name, opts) => {
      const q = new pg.Queue(name, { ...opts, connection }) as unknown as Queue;
      queues.push(q);
      return q;
    },
    createWorker: (name, processor, opts) =>
      new pg.Worker(name, processor, { ...opts, connection }) as unknown as Worker,
    ping: async () => {
      if (queues[0]) await queues[0].getJobCounts('waiting');
    },
    close: async () => undefined,
  };
}
