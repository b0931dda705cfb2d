import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { CampaignsModule } from '#rally/campaigns';
import { MailModule } from '#rally/mail';
import { SupportersModule } from '#rally/supporters';
import { PetitionCountCache } from './counts/petition-count.cache.js';
import { PetitionCountRoute } from './counts/petition-count.route.js';
import { PetitionCountsRepository } from './counts/petition-counts.repository.js';
import { PetitionCloseJob } from './jobs/petition-close.job.js';
import { PetitionCountsJob } from './jobs/petition-counts.job.js';
import { SignatureMailJob } from './jobs/signature-mail.job.js';
import { PETITION_MAIL_TEMPLATES } from './mail/petition-mail.templates.js';
import { PetitionNotifier } from './petition-notifier.js';
import { PetitionPageCache } from './public-page/petition-page.cache.js';
import { PetitionPageController } from './public-page/petition-page.controller.js';
import { PublicPetitionCache } from './public-page/public-petition.cache.js';
import { RecentSignersCache } from './public-page/recent-signers.cache.js';
import { SignRateLimiter } from './signing/sign-rate-limiter.js';
import { SignatureWriter } from './signing/signature-writer.js';
import { SigningService } from './signing/signing.service.js';
import { PetitionController } from './staff/petition.controller.js';
import { PetitionService } from './staff/petition.service.js';
import { SignatureExport } from './staff/signature-export.js';

const SHARED = [PetitionCountsRepository, PetitionNotifier];

/** Petitions. The api: public pages and signing (memory caches + group commit), staff routes. The worker: jobs. */
@Module({})
export class PetitionsModule {
  static forApi(): DynamicModule {
    return {
      module: PetitionsModule,
      imports: [CampaignsModule.forApi(), SupportersModule.forApi(), MailModule.forFeature(...PETITION_MAIL_TEMPLATES)],
      controllers: [PetitionPageController, PetitionController],
      providers: [
        ...SHARED,
        PetitionService,
        SigningService,
        SignatureWriter,
        SignRateLimiter,
        PublicPetitionCache,
        PetitionCountCache,
        PetitionPageCache,
        PetitionCountRoute,
        RecentSignersCache,
        SignatureExport,
      ],
      exports: [PetitionService],
    };
  }

  /** Signer mails, count folding and reconcile, closing at the close date. */
  static forWorker(): DynamicModule {
    return {
      module: PetitionsModule,
      imports: [MailModule.forFeature(...PETITION_MAIL_TEMPLATES)],
      providers: [...SHARED, SignatureMailJob, PetitionCountsJob, PetitionCloseJob],
    };
  }
}
