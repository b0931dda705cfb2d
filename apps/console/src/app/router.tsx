import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  redirect,
} from '@tanstack/react-router';
import { HomeScreen } from '../screens/home/home-screen';
import { SignInScreen } from '../screens/auth/sign-in';
import { sessionQuery } from '../session/session';
import { loadArea } from '../i18n';
import { AppLayout } from './app-layout';
import { NotFoundScreen, RootLayout, RouteError } from './root-layout';
import { country, day, days, flag, language, month, oneOf, page, search, text, uuid } from './search-params';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundScreen,
  errorComponent: RouteError,
});

// Sign-in and an organisation's home are what nearly every visit shows first, so they are in the first load (one chunk
// compresses better than many); every other screen is its own chunk, fetched when first shown or hovered.
const signIn = createRoute({
  getParentRoute: () => rootRoute,
  path: 'sign-in',
  validateSearch: search({ next: text, lang: language }),
  component: SignInScreen,
});
const forgotPassword = createRoute({
  getParentRoute: () => rootRoute,
  path: 'forgot-password',
  validateSearch: search({ lang: language }),
  component: lazyRouteComponent(() => import('../screens/auth/forgot-password'), 'ForgotPasswordScreen'),
});
const resetPassword = createRoute({
  getParentRoute: () => rootRoute,
  path: 'reset-password',
  validateSearch: search({ lang: language }),
  component: lazyRouteComponent(() => import('../screens/auth/reset-password'), 'ResetPasswordScreen'),
});
const invitation = createRoute({
  getParentRoute: () => rootRoute,
  path: 'invitation',
  validateSearch: search({ lang: language }),
  component: lazyRouteComponent(() => import('../screens/auth/invitation'), 'InvitationScreen'),
});

/** Everything else needs a session; without one the member signs in and comes back to the page they asked for. */
const authed = createRoute({
  getParentRoute: () => rootRoute,
  id: 'authed',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: '/sign-in', search: { next: location.href } });
    return { session };
  },
  component: AppLayout,
});

const organisations = createRoute({
  getParentRoute: () => authed,
  path: '/',
  beforeLoad: ({ context }) => {
    // One organisation: straight to it. Several: the picker. None: the picker says how to get invited.
    const only = context.session.organisations.length === 1 ? context.session.organisations[0] : undefined;
    if (only) throw redirect({ to: '/o/$org', params: { org: only.slug } });
  },
  component: lazyRouteComponent(() => import('../screens/orgs/organisation-picker'), 'OrganisationPicker'),
});
const account = createRoute({
  getParentRoute: () => authed,
  path: 'account',
  component: lazyRouteComponent(() => import('../screens/account/account-screen'), 'AccountScreen'),
});

/** An organisation's screens: only for its members (the API refuses others anyway; this says so plainly). */
const org = createRoute({
  getParentRoute: () => authed,
  path: 'o/$org',
  beforeLoad: ({ context, params }) => {
    const membership = context.session.organisations.find((o) => o.slug === params.org);
    if (!membership) throw notFound();
    return { membership };
  },
});

const home = createRoute({
  getParentRoute: () => org,
  path: '/',
  component: HomeScreen,
});

const campaigns = createRoute({
  getParentRoute: () => org,
  path: 'campaigns',
  validateSearch: search({ q: text, sort: oneOf(['newest', 'oldest', 'name']), page }),
  component: lazyRouteComponent(() => import('../screens/campaigns/campaign-list'), 'CampaignListScreen'),
});
const campaignNew = createRoute({
  getParentRoute: () => org,
  path: 'campaigns/new',
  component: lazyRouteComponent(() => import('../screens/campaigns/campaign-new'), 'CampaignNewScreen'),
});
const campaignDetail = createRoute({
  getParentRoute: () => org,
  path: 'campaigns/$campaignId',
  // Its Letters section, and the status of the recommendations they cite.
  beforeLoad: () => Promise.all([loadArea('letters'), loadArea('implementation'), loadArea('recommendations')]),
  component: lazyRouteComponent(() => import('../screens/campaigns/campaign-detail'), 'CampaignDetailScreen'),
});

const petitions = createRoute({
  getParentRoute: () => org,
  path: 'petitions',
  validateSearch: search({
    q: text,
    status: oneOf(['draft', 'open', 'closed', 'delivered']),
    campaignId: uuid,
    sort: oneOf(['newest', 'oldest', 'title']),
    page,
  }),
  component: lazyRouteComponent(() => import('../screens/petitions/petition-list'), 'PetitionListScreen'),
});
const petitionNew = createRoute({
  getParentRoute: () => org,
  path: 'petitions/new',
  validateSearch: search({ campaignId: uuid }),
  component: lazyRouteComponent(() => import('../screens/petitions/petition-new'), 'PetitionNewScreen'),
});
const petitionDetail = createRoute({
  getParentRoute: () => org,
  path: 'petitions/$petitionId',
  validateSearch: search({ days: days, page }),
  component: lazyRouteComponent(() => import('../screens/petitions/petition-detail'), 'PetitionDetailScreen'),
});
const petitionEdit = createRoute({
  getParentRoute: () => org,
  path: 'petitions/$petitionId/edit',
  component: lazyRouteComponent(() => import('../screens/petitions/petition-edit'), 'PetitionEditScreen'),
});

const letterActions = createRoute({
  getParentRoute: () => org,
  path: 'letters',
  beforeLoad: () => loadArea('letters'),
  validateSearch: search({
    q: text,
    status: oneOf(['draft', 'open', 'closed']),
    campaignId: uuid,
    sort: oneOf(['newest', 'oldest', 'title']),
    page,
  }),
  component: lazyRouteComponent(() => import('../screens/letters/letter-action-list'), 'LetterActionListScreen'),
});
const letterActionNew = createRoute({
  getParentRoute: () => org,
  path: 'letters/new',
  beforeLoad: () => loadArea('letters'),
  validateSearch: search({ campaignId: uuid }),
  component: lazyRouteComponent(() => import('../screens/letters/letter-action-new'), 'LetterActionNewScreen'),
});
const letterAction = createRoute({
  getParentRoute: () => org,
  path: 'letters/$actionId',
  beforeLoad: () => loadArea('letters'),
  validateSearch: search({ tab: oneOf(['details', 'routing', 'letter', 'lifecycle', 'delivery']) }),
  component: lazyRouteComponent(() => import('../screens/letters/letter-action-screen'), 'LetterActionScreen'),
});

// The Study's focus areas (the server's codes), for the target screens' filters in the address.
const FOCUS_AREAS = [
  'administration-of-justice',
  'children-with-parents-in-prison',
  'migration',
  'institutions',
  'armed-conflict',
  'national-security',
] as const;

const targets = createRoute({
  getParentRoute: () => org,
  path: 'targets',
  beforeLoad: () => loadArea('targets'),
  validateSearch: search({
    q: text,
    kind: oneOf(['ministry', 'minister', 'parliamentarian', 'focal-point', 'nhri', 'other']),
    country,
    focusArea: oneOf(FOCUS_AREAS),
    active: oneOf(['yes', 'no']),
    emailState: oneOf(['active', 'bounced', 'suspended', 'disabled']),
    sort: oneOf(['name', 'newest', 'updated']),
    page,
  }),
  component: lazyRouteComponent(() => import('../screens/targets/target-list'), 'TargetListScreen'),
});
const targetNew = createRoute({
  getParentRoute: () => org,
  path: 'targets/new',
  beforeLoad: () => loadArea('targets'),
  component: lazyRouteComponent(() => import('../screens/targets/target-new'), 'TargetNewScreen'),
});
const targetResponsibilities = createRoute({
  getParentRoute: () => org,
  path: 'targets/responsibilities',
  beforeLoad: () => loadArea('targets'),
  validateSearch: search({ country, focusArea: oneOf(FOCUS_AREAS), on: day, page }),
  component: lazyRouteComponent(
    () => import('../screens/targets/responsibility-timeline'),
    'ResponsibilityTimelineScreen',
  ),
});
const areaLookup = createRoute({
  getParentRoute: () => org,
  path: 'targets/area-lookup',
  beforeLoad: () => loadArea('targets'),
  validateSearch: search({ country, q: text, page }),
  component: lazyRouteComponent(() => import('../screens/targets/area-lookup'), 'AreaLookupScreen'),
});
const targetImport = createRoute({
  getParentRoute: () => org,
  path: 'targets/import',
  beforeLoad: () => loadArea('targets'),
  validateSearch: search({ kind: oneOf(['targets', 'area-lookups']), importId: uuid, page }),
  component: lazyRouteComponent(() => import('../screens/targets/import-screen'), 'TargetImportScreen'),
});
const targetEdit = createRoute({
  getParentRoute: () => org,
  path: 'targets/$targetId',
  beforeLoad: () => loadArea('targets'),
  component: lazyRouteComponent(() => import('../screens/targets/target-edit'), 'TargetEditScreen'),
});

const replies = createRoute({
  getParentRoute: () => org,
  path: 'replies',
  beforeLoad: () => loadArea('replies'),
  validateSearch: search({ campaignId: uuid, targetId: uuid, page }),
  component: lazyRouteComponent(() => import('../screens/replies/replies-screen'), 'RepliesScreen'),
});
const repliesTriage = createRoute({
  getParentRoute: () => org,
  path: 'replies/triage',
  beforeLoad: () => loadArea('replies'),
  validateSearch: search({ page }),
  component: lazyRouteComponent(() => import('../screens/replies/triage-screen'), 'TriageScreen'),
});
const repliesAlerts = createRoute({
  getParentRoute: () => org,
  path: 'replies/alerts',
  beforeLoad: () => loadArea('replies'),
  validateSearch: search({ page }),
  component: lazyRouteComponent(() => import('../screens/replies/alerts-screen'), 'AlertsScreen'),
});
const replyMessage = createRoute({
  getParentRoute: () => org,
  path: 'replies/messages/$messageId',
  beforeLoad: () => loadArea('replies'),
  component: lazyRouteComponent(() => import('../screens/replies/message-screen'), 'MessageScreen'),
});
const recommendations = createRoute({
  getParentRoute: () => org,
  path: 'recommendations',
  beforeLoad: () => loadArea('recommendations'),
  validateSearch: search({
    q: text,
    focusArea: oneOf(['overarching', ...FOCUS_AREAS]),
    source: oneOf(['study', 'organisation']),
    verification: oneOf(['primary', 'secondary', 'partial', 'unverified']),
    withdrawn: oneOf(['yes']),
    page,
  }),
  component: lazyRouteComponent(
    () => import('../screens/recommendations/recommendation-list'),
    'RecommendationListScreen',
  ),
});
const responses = createRoute({
  getParentRoute: () => org,
  path: 'responses',
  beforeLoad: () => loadArea('responses'),
  validateSearch: search({
    targetId: uuid,
    campaignId: uuid,
    stance: oneOf(['no-reply', 'acknowledged', 'committed', 'partially-committed', 'refused']),
    channel: oneOf(['letter-reply', 'email', 'meeting', 'public-statement', 'parliamentary-answer', 'other']),
    status: oneOf(['draft', 'recorded']),
    page,
  }),
  component: lazyRouteComponent(() => import('../screens/responses/responses-screen'), 'ResponsesScreen'),
});

const scoreboard = createRoute({
  getParentRoute: () => org,
  path: 'scoreboard',
  beforeLoad: () => loadArea('scoreboard'),
  validateSearch: search({ campaignId: uuid, country }),
  component: lazyRouteComponent(() => import('../screens/scoreboard/scoreboard-screen'), 'ScoreboardScreen'),
});
const followUps = createRoute({
  getParentRoute: () => org,
  path: 'follow-ups',
  beforeLoad: () => loadArea('followups'),
  validateSearch: search({
    view: oneOf(['mine', 'all']),
    status: oneOf(['open', 'overdue', 'done', 'cancelled', 'all']),
    page,
  }),
  component: lazyRouteComponent(() => import('../screens/followups/follow-ups-screen'), 'FollowUpsScreen'),
});
const followUpCalendar = createRoute({
  getParentRoute: () => org,
  path: 'follow-ups/calendar',
  beforeLoad: () => loadArea('followups'),
  validateSearch: search({ month, mine: flag }),
  component: lazyRouteComponent(() => import('../screens/followups/follow-up-calendar'), 'FollowUpCalendarScreen'),
});
const escalationRules = createRoute({
  getParentRoute: () => org,
  path: 'follow-ups/escalations',
  beforeLoad: () => loadArea('followups'),
  validateSearch: search({ page }),
  component: lazyRouteComponent(() => import('../screens/followups/escalation-rules-screen'), 'EscalationRulesScreen'),
});
const followUp = createRoute({
  getParentRoute: () => org,
  path: 'follow-ups/$followUpId',
  beforeLoad: () => loadArea('followups'),
  component: lazyRouteComponent(() => import('../screens/followups/follow-up-detail'), 'FollowUpDetailScreen'),
});
const mailings = createRoute({
  getParentRoute: () => org,
  path: 'mailings',
  beforeLoad: () => loadArea('mailings'),
  validateSearch: search({
    status: oneOf(['draft', 'scheduled', 'paused', 'cancelled', 'finished']),
    page,
  }),
  component: lazyRouteComponent(() => import('../screens/mailings/mailings-screen'), 'MailingsScreen'),
});
const mailingNew = createRoute({
  getParentRoute: () => org,
  path: 'mailings/new',
  beforeLoad: () => loadArea('mailings'),
  component: lazyRouteComponent(() => import('../screens/mailings/mailing-screen'), 'MailingNewScreen'),
});
const mailing = createRoute({
  getParentRoute: () => org,
  path: 'mailings/$mailingId',
  beforeLoad: () => loadArea('mailings'),
  component: lazyRouteComponent(() => import('../screens/mailings/mailing-screen'), 'MailingScreen'),
});

const implementation = createRoute({
  getParentRoute: () => org,
  path: 'implementation',
  beforeLoad: () => loadArea('implementation'),
  validateSearch: search({
    country,
    focusArea: oneOf(['overarching', ...FOCUS_AREAS]),
    status: oneOf(['unknown', 'not-started', 'in-progress', 'partially-implemented', 'implemented', 'regressed']),
    pending: oneOf(['yes']),
    page,
  }),
  component: lazyRouteComponent(() => import('../screens/implementation/status-board'), 'StatusBoardScreen'),
});

const settings = createRoute({
  getParentRoute: () => org,
  path: 'settings',
  component: lazyRouteComponent(() => import('../screens/settings/settings-screen'), 'SettingsScreen'),
});
const members = createRoute({
  getParentRoute: () => org,
  path: 'members',
  validateSearch: search({ page, invitations: page }),
  component: lazyRouteComponent(() => import('../screens/members/members-screen'), 'MembersScreen'),
});
const apiTokens = createRoute({
  getParentRoute: () => org,
  path: 'api-tokens',
  validateSearch: search({ page }),
  component: lazyRouteComponent(() => import('../screens/api-tokens/api-tokens-screen'), 'ApiTokensScreen'),
});
const audit = createRoute({
  getParentRoute: () => org,
  path: 'audit',
  validateSearch: search({
    action: text,
    objectType: text,
    actorUserId: uuid,
    since: day,
    until: day,
    page,
  }),
  beforeLoad: () => loadArea('audit'),
  component: lazyRouteComponent(() => import('../screens/audit/audit-screen'), 'AuditScreen'),
});

const routeTree = rootRoute.addChildren([
  signIn,
  forgotPassword,
  resetPassword,
  invitation,
  authed.addChildren([
    organisations,
    account,
    org.addChildren([
      home,
      campaigns,
      campaignNew,
      campaignDetail,
      petitions,
      petitionNew,
      petitionDetail,
      petitionEdit,
      letterActions,
      letterActionNew,
      letterAction,
      targets,
      targetNew,
      targetResponsibilities,
      areaLookup,
      targetImport,
      targetEdit,
      replies,
      repliesTriage,
      repliesAlerts,
      replyMessage,
      responses,
      scoreboard,
      followUps,
      followUpCalendar,
      escalationRules,
      followUp,
      mailings,
      mailingNew,
      mailing,
      recommendations,
      implementation,
      settings,
      members,
      apiTokens,
      audit,
    ]),
  ]),
]);

export const createConsoleRouter = (queryClient: QueryClient) =>
  createRouter({
    routeTree,
    basepath: '/console',
    context: { queryClient },
    defaultPreload: 'intent',
    // Data comes from TanStack Query (its own cache); the router only decides what renders.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createConsoleRouter>;
  }
}
