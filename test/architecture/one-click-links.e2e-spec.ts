import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { ONE_CLICK_LINK } from '#rally/core';
import { startRally, type RallyHarness } from '../support/rally-harness.js';

/** Mailed links that act are GET-safe (see OneClickLink): every marked GET has a marked POST twin at its path. */
describe('one-click links', () => {
  let rally: RallyHarness;
  beforeAll(async () => {
    rally = await startRally({ worker: false });
  });
  afterAll(() => rally.close());

  const marked = (): { method: string; path: string }[] => {
    const out: { method: string; path: string }[] = [];
    for (const module of rally.api.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
        if (!controller) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
        for (const name of Object.getOwnPropertyNames(controller.prototype)) {
          const handler = (controller.prototype as Record<string, unknown>)[name];
          if (typeof handler !== 'function' || !Reflect.getMetadata(ONE_CLICK_LINK, handler)) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
          out.push({ method, path: `/${base}/${String(Reflect.getMetadata(PATH_METADATA, handler))}` });
        }
      }
    }
    return out;
  };

  it('pairs every marked GET (a page with a button) with a marked POST (the action) at the same path', () => {
    const links = marked();
    expect(links.length).toBeGreaterThanOrEqual(2);
    const posts = new Set(links.filter((l) => l.method === 'POST').map((l) => l.path));
    const gets = links.filter((l) => l.method === 'GET');
    expect(gets.filter((g) => !posts.has(g.path)).map((g) => g.path)).toEqual([]);
    expect(links.filter((l) => l.method !== 'GET' && l.method !== 'POST')).toEqual([]);
  });
});
