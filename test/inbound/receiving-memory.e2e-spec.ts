import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Role } from '#rally/access';
import { sqlRows } from '#rally/core';
import { RAW_CHUNK_BYTES } from '#rally/inbound';
import { createOrgWithMember } from '#rally-testing/organisations';
import { startRally, type RallyHarness } from '../support/rally-harness.js';
import { addressesOf, aLetterOf, generatedMessage, storedId, streamToInbound } from './inbound-helpers.js';

const MESSAGE_BYTES = 10_000_000;
const CONCURRENT = 8;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * 10 MB messages stream in with flat memory: the receiving process (the inbound server runs in this test process,
 * and so does the sender, which makes each message as the socket takes it and holds none of it) must not hold
 * messages whole. Buffering them would grow the process by at least CONCURRENT x 10 MB; the bounds are an eighth
 * of that live (after a collection) and half of it in RSS.
 */
describe('inbound SMTP memory while large messages stream in', () => {
  let rally: RallyHarness;
  let db: DataSource;
  let to: string;
  beforeAll(async () => {
    rally = await startRally({ worker: false, inbound: true });
    db = rally.api.get<DataSource>(getDataSourceToken());
    const staff = await createOrgWithMember(rally, { role: Role.Admin });
    to = addressesOf(rally).replyTo(await aLetterOf(rally, staff));
  });
  afterAll(() => rally.close());

  const send = async (): Promise<string> =>
    storedId(
      await streamToInbound(
        rally.inbound!.port,
        { from: 'cabinet@justice.example.gov', to },
        generatedMessage(to, MESSAGE_BYTES),
      ),
    );

  it(`stores ${CONCURRENT} concurrent 10 MB messages in 256 KiB pieces, growing the process far less than their size`, async () => {
    await send(); // warm up: pools, compiled code, socket buffers
    gc();
    const base = process.memoryUsage();
    const live = (m: NodeJS.MemoryUsage): number => m.heapUsed + m.external;
    let peakRss = base.rss;
    let peakLive = live(base);
    // Collected before each sample (twice, a turn apart, so freed buffers' memory is returned too): garbage not yet
    // swept does not count, what stays is what the process holds.
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        gc();
        await new Promise((resolve) => setImmediate(resolve));
        gc();
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakLive = Math.max(peakLive, live(m));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    let ids: string[];
    try {
      ids = await Promise.all(Array.from({ length: CONCURRENT }, send));
    } finally {
      sampling = false;
      await sampler;
    }
    const total = CONCURRENT * MESSAGE_BYTES;
    const growth = { rss: peakRss - base.rss, live: peakLive - live(base) };
    // Measured here (8 x 10 MB): 0-4 MB live, RSS 0-25 MB (RSS also moves with the api in this process); the same
    // receiver made to keep what it read grew 72 MB live.
    expect(growth.live).toBeLessThan(total / 8);
    expect(growth.rss).toBeLessThan(total / 2);

    const stored = await sqlRows<{ id: string; size: number; pieces: number; largest: number }>(
      db,
      `SELECT m.id, m.size, count(c.seq)::int AS pieces, max(length(c.data))::int AS largest
         FROM inbound_messages m JOIN inbound_message_chunks c ON c.message_id = m.id
        WHERE m.id = ANY($1) GROUP BY m.id, m.size`,
      [ids],
    );
    expect(stored).toHaveLength(CONCURRENT);
    for (const m of stored) {
      expect(m.size).toBeGreaterThan(MESSAGE_BYTES);
      expect(m.largest).toBe(RAW_CHUNK_BYTES);
      expect(m.pieces).toBe(Math.ceil(m.size / RAW_CHUNK_BYTES));
    }
  }, 240_000); // ~50 s alone: 90 MB into PostgreSQL with forced collections is slower beside the suite
});
