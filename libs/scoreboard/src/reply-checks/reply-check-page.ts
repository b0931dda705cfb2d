import Handlebars from 'handlebars';
import type { OneClickAction } from '#rally/core';
import { textDirection } from '#rally/core';
import { scoreboardText } from '../scoreboard.i18n.js';

const hbs = Handlebars.create();
// Escaped by Handlebars: every value is data (the action's title, the organisation's name), never markup.
const page = hbs.compile(
  `<!doctype html>
<html lang="{{lang}}" dir="{{dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<link rel="stylesheet" href="/reply-check/assets/page.css">
<link rel="icon" href="data:,">
</head>
<body>
<main id="main" class="page">
<article class="petition">
  <p class="by">{{by}}</p>
  <h1 tabindex="-1">{{heading}}</h1>
  <p>{{body}}</p>
  {{#if oneClick}}
  <form method="post" action="{{oneClick.url}}" class="one-click">
    <button type="submit">{{oneClick.label}}</button>
  </form>
  {{/if}}
</article>
</main>
</body>
</html>
`,
  { strict: true },
);

export type ReplyCheckPageKind = 'confirm' | 'thanks' | 'opt-out' | 'opted-out' | 'invalid';

const KEYS: Record<ReplyCheckPageKind, [string, string]> = {
  confirm: ['confirmHeading', 'confirmBody'],
  thanks: ['thanksHeading', 'thanksBody'],
  'opt-out': ['optOutHeading', 'optOutBody'],
  'opted-out': ['optedOutHeading', 'optedOutBody'],
  invalid: ['invalidHeading', 'invalidBody'],
};

/** A "did they reply?" page in the supporter's language: what the link does, and its one button when it acts. */
export function renderReplyCheckPage(
  language: string,
  kind: ReplyCheckPageKind,
  values: { organisation?: string; title?: string; answer?: string },
  oneClick: OneClickAction | null = null,
): string {
  const t = (key: string, v: Record<string, unknown> = {}): string => scoreboardText.t(language, key, v);
  const answer = values.answer ? t(`scoreboard:answers.${values.answer}`) : '';
  const [heading, body] = KEYS[kind].map((k) =>
    t(`scoreboard:page.${k}`, { organisation: values.organisation ?? '', title: values.title ?? '', answer }),
  );
  return page({
    lang: language,
    dir: textDirection(language),
    title: t('scoreboard:page.title'),
    by: values.organisation ?? '',
    heading,
    body,
    oneClick,
  });
}
