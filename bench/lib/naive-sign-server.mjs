// The baseline the sign target is stated against: a plain Fastify route that, per request, inserts the signature
// with its own statement and commit and then enqueues a confirmation job (BullMQ on Redis). No batching, no caches.
// Usage (from the bench): node naive-sign-server.mjs <port> <databaseUrl> <redisUrl> <queuePrefix> <organisationId> <petitionId>
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';

const [port, databaseUrl, redisUrl, prefix, organisationId, petitionId] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const queue = new Queue('naive-signature-mail', { connection, prefix });

const app = Fastify({ logger: false });
app.post('/sign', async (request, reply) => {
  const b = request.body ?? {};
  if (typeof b.email !== 'string' || typeof b.firstName !== 'string' || typeof b.country !== 'string')
    return reply.code(422).send({ error: 'invalid' });
  const id = randomUUID();
  await pool.query(
    `INSERT INTO naive_signatures (id, organization_id, petition_id, email, email_normalized, first_name, last_name, region, country,
       public_display, consent_given, consent_wording, language, confirm_token)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'en', $13) ON CONFLICT (petition_id, email_normalized) DO NOTHING`,
    [
      id,
      organisationId,
      petitionId,
      b.email,
      b.email.toLowerCase(),
      b.firstName,
      b.lastName ?? '',
      b.region ?? null,
      b.country,
      b.publicDisplay === true,
      b.consent === true,
      'I agree to be emailed.',
      randomBytes(24).toString('base64url'),
    ],
  );
  await queue.add('confirm', { signatureId: id }, { removeOnComplete: true });
  return reply.code(202).send({ status: 'check-your-email' });
});

await app.listen({ port: Number(port), host: '127.0.0.1' });
process.send?.('ready');
process.on('SIGTERM', async () => {
  await app.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await connection.quit();
  await pool.end();
  process.exit(0);
});
