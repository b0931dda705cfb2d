import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonAnswer, renderInConsole } from '../../testing/render';
import { PetitionLifecycle } from './petition-lifecycle';
import type { Petition } from './petition-queries';

const petition = (status: Petition['status']): Petition => ({
  id: '0b7f2b0e-7a53-4a43-9a0f-5d7f2b0e7a53',
  campaignId: '5f0c6a52-8d0e-4f57-9d55-3c1c2f1c0d11',
  slug: 'end-child-detention',
  publicUrl: 'https://rally.example.org/p/end-child-detention',
  title: 'End child detention',
  ask: 'We ask the ministry to end the detention of children.',
  targetDescription: 'The Minister of Justice',
  goal: 1000,
  milestones: [],
  language: 'en',
  status,
  closesAt: null,
  openedAt: null,
  closedAt: null,
  deliveredAt: null,
  counts: { total: 10, online: 10, paper: 0 },
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
});

afterEach(() => vi.unstubAllGlobals());

describe('the petition lifecycle buttons', () => {
  it('offer only what the status allows', () => {
    renderInConsole(<PetitionLifecycle org="demo" petition={petition('closed')} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Reopen', 'Mark as delivered']);
  });

  it('offer nothing once delivered', () => {
    renderInConsole(<PetitionLifecycle org="demo" petition={petition('delivered')} />);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });

  it('ask first, then move the petition and say so; cancelling sends nothing', async () => {
    const requests: Request[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        requests.push(request);
        return jsonAnswer(201, { ...petition('open'), openedAt: '2026-12-01T09:00:00.000Z' });
      }),
    );
    const user = userEvent.setup();
    renderInConsole(<PetitionLifecycle org="demo" petition={petition('draft')} />);

    await user.click(screen.getByRole('button', { name: 'Open for signatures' }));
    const dialog = await screen.findByRole('dialog', { name: 'Open this petition?' });
    expect(dialog.textContent).toContain('anyone with the link can sign it');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Open for signatures' }));
    await screen.findByRole('dialog', { name: 'Open this petition?' });
    const confirm = screen.getAllByRole('button', { name: 'Open for signatures' }).at(-1) as HTMLElement;
    await user.click(confirm);
    await screen.findByText('“End child detention” is open for signatures.');
    expect(requests.map((r) => [r.method, new URL(r.url).pathname])).toEqual([
      ['POST', '/api/orgs/demo/petitions/0b7f2b0e-7a53-4a43-9a0f-5d7f2b0e7a53/open'],
    ]);
  });
});
