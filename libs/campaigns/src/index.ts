export * from './entities/campaign.entity.js';
export * from './dto/campaign.dto.js';
export * from './campaign.service.js';
export * from './campaigns.module.js';

export * from './campaigns.library.js';
export * from './campaigns.permissions.js';
