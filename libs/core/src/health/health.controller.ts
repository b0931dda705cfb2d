import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { QueueBackend } from '../queue/queue-backend.js';
import { Public } from '../http/public.decorator.js';

/** Liveness for the process manager, readiness for the load balancer (database and queue backend reachable). */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueBackend,
  ) {}

  @Public()
  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const [database, queue] = await Promise.all([
      this.check(() => this.db.query('SELECT 1')),
      this.check(() => this.queue.ping()),
    ]);
    const ok = database === 'ok' && queue === 'ok';
    await reply
      .status(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'unavailable', database, queue, queueBackend: this.queue.kind });
  }

  private async check(probe: () => Promise<unknown>): Promise<string> {
    try {
      await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000))]);
      return 'ok';
    } catch (error) {
      return `error: ${(error as Error).message}`;
    }
  }
}
