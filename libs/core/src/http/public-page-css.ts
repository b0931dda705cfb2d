import { readFileSync } from 'node:fs';

/**
 * The one stylesheet of every public page (petitions, letters): read once at load. Each library serves it under its
 * own path so a page never depends on another library's routes.
 */
export const PUBLIC_PAGE_CSS = readFileSync(new URL('./public-page.css', import.meta.url), 'utf8');
