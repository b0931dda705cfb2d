import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TargetResponse } from './entities/target-response.entity.js';

/** A response as it was before and after one change (null before: created; null after: deleted). */
export interface ResponseChange {
  organisationId: string;
  responseId: string;
  before: TargetResponse | null;
  after: TargetResponse | null;
}

export type ResponseChangeHandler = (change: ResponseChange, manager: EntityManager) => Promise<void>;

/**
 * For rollups kept up to date as responses arrive (the response-time scoreboard): handlers run in the transaction
 * that changes the response, so a rollup never drifts from the log. Drafts are passed too; counting only recorded
 * ones is the handler's call (a draft's stance is not known yet).
 */
@Injectable()
export class ResponseChangeHooks {
  private readonly handlers = new Map<string, ResponseChangeHandler>();

  register(feature: string, handler: ResponseChangeHandler): void {
    if (this.handlers.has(feature)) throw new Error(`A response change handler for ${feature} is registered already`);
    this.handlers.set(feature, handler);
  }

  async run(change: ResponseChange, manager: EntityManager): Promise<void> {
    for (const handler of this.handlers.values()) await handler(change, manager);
  }
}
