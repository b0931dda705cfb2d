import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/errors';

/**
 * One query client for the console. A refused (403), missing (404) or invalid (4xx) answer will not change on retry,
 * so only network failures and 5xx are retried, twice.
 */
export const createQueryClient = (): QueryClient =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status < 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
