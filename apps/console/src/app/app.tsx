import { DirectionProvider, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n';
import { Overlays } from './overlays';
import { createQueryClient } from './query-client';
import { createConsoleRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

/** The providers every screen relies on, then the router. */
export function App(): ReactNode {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createConsoleRouter(queryClient));
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <DirectionProvider>
          <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
            <RouterProvider router={router} />
            <Overlays />
          </MantineProvider>
        </DirectionProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
