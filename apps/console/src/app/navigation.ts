import type { LinkProps } from '@tanstack/react-router';

/**
 * The organisation's screens in the navigation, each shown only to roles holding its permission (as GET /me lists
 * them; the API enforces the same permission on the screen's routes).
 */
export const NAVIGATION: readonly { key: string; to: LinkProps['to']; path: string; permission?: string }[] = [
  { key: 'home', to: '/o/$org', path: '' },
  { key: 'campaigns', to: '/o/$org/campaigns', path: '/campaigns', permission: 'campaigns.read' },
  { key: 'petitions', to: '/o/$org/petitions', path: '/petitions', permission: 'campaigns.read' },
  { key: 'letters', to: '/o/$org/letters', path: '/letters', permission: 'letters.read' },
  { key: 'targets', to: '/o/$org/targets', path: '/targets', permission: 'targets.read' },
  { key: 'replies', to: '/o/$org/replies', path: '/replies', permission: 'inbound.read' },
  { key: 'responses', to: '/o/$org/responses', path: '/responses', permission: 'responses.read' },
  { key: 'scoreboard', to: '/o/$org/scoreboard', path: '/scoreboard', permission: 'scoreboard.read' },
  { key: 'followups', to: '/o/$org/follow-ups', path: '/follow-ups', permission: 'followups.read' },
  { key: 'mailings', to: '/o/$org/mailings', path: '/mailings', permission: 'mailings.read' },
  {
    key: 'recommendations',
    to: '/o/$org/recommendations',
    path: '/recommendations',
    permission: 'recommendations.read',
  },
  {
    key: 'implementation',
    to: '/o/$org/implementation',
    path: '/implementation',
    permission: 'implementation.read',
  },
  { key: 'members', to: '/o/$org/members', path: '/members', permission: 'organisation.read' },
  { key: 'settings', to: '/o/$org/settings', path: '/settings', permission: 'organisation.read' },
  { key: 'apiTokens', to: '/o/$org/api-tokens', path: '/api-tokens', permission: 'tokens.manage' },
  { key: 'audit', to: '/o/$org/audit', path: '/audit', permission: 'audit.read' },
];
