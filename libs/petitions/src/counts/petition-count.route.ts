import type { OnModuleInit } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CachedCount } from './petition-count.cache.js';
import { PetitionCountCache } from './petition-count.cache.js';
import type { PublicPetition } from '../public-page/public-petition.cache.js';
import { PublicPetitionCache } from '../public-page/public-petition.cache.js';

const NOT_FOUND = JSON.stringify({ statusCode: 404, error: 'petition_not_found', message: 'Petition not found' });

/**
 * `GET /p/:slug/count.json`, the most-read URL of a viral petition (every open page polls it, every embed shows it).
 * Registered on Fastify directly rather than as a Nest route: it is public, reads two in-memory caches and cannot
 * fail, so Nest's guard/pipe/filter chain would only add cost (measured: about a third of its throughput).
 */
@Injectable()
export class PetitionCountRoute implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly petitions: PublicPetitionCache,
    private readonly counts: PetitionCountCache,
  ) {}

  private readonly bodies = new WeakMap<CachedCount, { petition: PublicPetition; body: string }>();

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    fastify.get('/p/:slug/count.json', (request, reply) =>
      this.handle(request as FastifyRequest<{ Params: { slug: string } }>, reply),
    );
  }

  private async handle(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply): Promise<void> {
    const petition = await this.petitions.bySlug(request.params.slug);
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin');
    if (!petition) {
      void reply.status(404).header('cache-control', 'public, max-age=10').send(NOT_FOUND);
      return;
    }
    void reply
      .header('cache-control', 'public, max-age=2, stale-while-revalidate=30')
      .send(this.body(petition, this.counts.get(petition.id)));
  }

  /** The JSON, built once per count refresh and petition rather than per request (both caches replace their objects on change). */
  private body(petition: PublicPetition, c: CachedCount): string {
    const cached = this.bodies.get(c);
    if (cached?.petition === petition) return cached.body;
    const body = JSON.stringify({
      slug: petition.slug,
      title: petition.title,
      language: petition.language,
      status: petition.status,
      goal: petition.goal,
      count: c.total,
      online: c.online,
      paper: c.paper,
      updatedAt: c.updatedAt.toISOString(),
    });
    this.bodies.set(c, { petition, body });
    return body;
  }
}
