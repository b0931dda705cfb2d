import { parseConfig } from '#rally/core';
import { PETITIONS_CONFIG } from '../petitions.config.js';
import { PAGE_SLOTS, PetitionPageCache } from './petition-page.cache.js';

describe('PetitionPageCache', () => {
  const cache = new PetitionPageCache(
    parseConfig({ PETITION_COUNT_CACHE_MS: '1000' }, [PETITIONS_CONFIG]).section(PETITIONS_CONFIG),
  );
  const template = `<input name="startedAt" value="${PAGE_SLOTS.startedAt}"><input name="source" value="${PAGE_SLOTS.source}"><input name="referrer" value="${PAGE_SLOTS.referrer}">`;

  it('renders once per refresh period and fills each visitor own values, escaped', async () => {
    let renders = 0;
    const render = async (): Promise<string> => (renders++, template);
    const a = await cache.page('p1', render, { startedAt: '111', source: 'twitter', referrer: '' }, 1_000);
    const b = await cache.page(
      'p1',
      render,
      { startedAt: '222', source: '"><script>x</script>', referrer: 'https://news.example/a?b=1&c=2' },
      1_500,
    );
    expect(renders).toBe(1);
    expect(a).toBe(
      '<input name="startedAt" value="111"><input name="source" value="twitter"><input name="referrer" value="">',
    );
    expect(b).toContain('value="222"');
    expect(b).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(b).toContain('value="https://news.example/a?b&#x3D;1&amp;c&#x3D;2"');
    await cache.page('p1', render, { startedAt: '333', source: '', referrer: '' }, 2_000);
    expect(renders).toBe(2);
  });

  it('renders again after a failed render instead of caching the failure', async () => {
    let calls = 0;
    const flaky = async (): Promise<string> => {
      calls++;
      if (calls === 1) throw new Error('database down');
      return template;
    };
    await expect(cache.page('p2', flaky, { startedAt: '1', source: '', referrer: '' }, 10_000)).rejects.toThrow(
      'database down',
    );
    await expect(cache.page('p2', flaky, { startedAt: '1', source: '', referrer: '' }, 10_001)).resolves.toContain(
      'value="1"',
    );
  });
});
