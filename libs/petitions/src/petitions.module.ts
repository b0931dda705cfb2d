import { Module } from '@nestjs/common';
import { CampaignsModule } from '#rally/campaigns';
import { MailModule } from '#rally/mail';
import { AuditLog } from '#rally/organisations';
import { SupportersModule } from '#rally/supporters';
import { PetitionCloseHandler } from './jobs/petition-close.job.js';
import { PetitionCountsHandler } from './jobs/petition-counts.job.js';
import { SignatureMailHandler } from './jobs/signature-mail.job.js';
import { PETITION_MAIL_TEMPLATES } from './mail/petition-mail.templates.js';
import { OrganisationDirectory } from './organisation-directory.js';
import { PetitionCountCache } from './petition-count.cache.js';
import { PetitionPageCache } from './petition-page.cache.js';
import { PetitionCountRoute } from './petition-count.route.js';
import { PetitionCountsRepository } from './petition-counts.repository.js';
import { PetitionNotifier } from './petition-notifier.js';
import { PetitionPageController } from './petition-page.controller.js';
import { PetitionController } from './petition.controller.js';
import { PetitionService } from './petition.service.js';
import { PublicPetitionCache } from './public-petition.cache.js';
import { RecentSignersCache } from './recent-signers.cache.js';
import { SignRateLimiter } from './sign-rate-limiter.js';
import { SignatureExport } from './signature-export.js';
import { SignatureWriter } from './signature-writer.js';
import { SigningService } from './signing.service.js';

const SHARED = [OrganisationDirectory, PetitionCountsRepository, PetitionNotifier];

/** The api side: public pages and signing (hot path: memory caches + group commit), staff routes. */
@Module({
  imports: [CampaignsModule, SupportersModule, MailModule.forFeature(...PETITION_MAIL_TEMPLATES)],
  controllers: [PetitionPageController, PetitionController],
  providers: [
    ...SHARED,
    AuditLog,
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
})
export class PetitionsModule {}

/** The worker side: signer mails, count folding and reconcile, closing at the close date. */
@Module({
  imports: [MailModule.forFeature(...PETITION_MAIL_TEMPLATES)],
  providers: [...SHARED, SignatureMailHandler, PetitionCountsHandler, PetitionCloseHandler],
})
export class PetitionsWorkerModule {}
