import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { Catalogue } from '#rally/core';
import { DEFAULT_LANGUAGE, isLanguage, textDirection, Translator } from '#rally/core';
import { MAIL_CATALOGUE } from '../mail.i18n.js';
import { TemplateNotRegisteredError } from '../mail.exception.js';
import type { MailTemplate } from './mail-template.js';

type Compiled = Handlebars.TemplateDelegate;

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const QUOTES: Record<string, [string, string]> = { en: ['“', '”'], fr: ['« ', ' »'], es: ['«', '»'] };

/**
 * Compiles every registered template once (strict: a missing field throws instead of rendering blank), then renders
 * it in the mail's language. Words come from the templates' catalogues through `{{t "ns:key" name=value}}` (ICU
 * MessageFormat, so plurals and numbers follow the language); the templates hold only markup. The HTML part escapes
 * every value and is wrapped in the shared layout; subject and text parts are plain text, never HTML-escaped.
 */
export class MailRenderer {
  private readonly html = Handlebars.create();
  private readonly plain = Handlebars.create();
  private readonly templates = new Map<string, { subject: Compiled; html: Compiled; text: Compiled }>();
  private readonly catalogues: Catalogue[] = [MAIL_CATALOGUE];
  private translator = new Translator(this.catalogues);
  private readonly layout: Compiled;

  constructor() {
    this.helpers(this.html, true);
    this.helpers(this.plain, false);
    this.layout = this.html.compile(readFileSync(new URL('./layout.html.hbs', import.meta.url), 'utf8'), {
      strict: true,
    });
  }

  register(...templates: MailTemplate<object>[]): void {
    for (const t of templates) {
      if (this.templates.has(t.name)) continue;
      if (t.catalogue && !this.catalogues.includes(t.catalogue)) {
        this.catalogues.push(t.catalogue);
        this.translator = new Translator(this.catalogues);
      }
      const read = (part: string): string => readFileSync(new URL(`${part}.hbs`, t.dir), 'utf8');
      this.templates.set(t.name, {
        subject: this.plain.compile(read('subject'), { strict: true, noEscape: true }),
        html: this.html.compile(read('html'), { strict: true }),
        text: this.plain.compile(read('text'), { strict: true, noEscape: true }),
      });
    }
  }

  withTemplates(...templates: MailTemplate<object>[]): this {
    this.register(...templates);
    return this;
  }

  has(name: string): boolean {
    return this.templates.has(name);
  }

  render(name: string, language: string, data: object): RenderedMail {
    const t = this.templates.get(name);
    if (!t) throw new TemplateNotRegisteredError(name);
    const lang = isLanguage(language) ? language : DEFAULT_LANGUAGE;
    const context = { ...data, lang, dir: textDirection(lang) };
    const subject = t.subject(context).replace(/\s+/g, ' ').trim();
    const body = t.html(context);
    return { subject, html: this.layout({ ...context, subject, body }), text: t.text(context).trim() + '\n' };
  }

  private helpers(hbs: typeof Handlebars, html: boolean): void {
    const escape = (v: unknown): unknown =>
      html && (typeof v === 'string' || v instanceof hbs.SafeString)
        ? new hbs.SafeString(hbs.Utils.escapeExpression(v as string))
        : v;
    const safe = (s: string): unknown => (html ? new hbs.SafeString(s) : s);
    const langOf = (options: Handlebars.HelperOptions): string =>
      (options.data as { root: { lang: string } }).root.lang;
    // Strict mode does not check helper arguments, so the helpers do: a missing field throws, never renders blank.
    const present = <T>(value: T, what: string): T => {
      if (value === undefined) throw new Error(`Mail template: ${what} is missing from the data`);
      return value;
    };
    hbs.registerHelper('t', (key: string, options: Handlebars.HelperOptions) => {
      for (const [name, value] of Object.entries(options.hash as Record<string, unknown>))
        present(value, `"${name}" of ${key}`);
      const values = Object.fromEntries(
        Object.entries(options.hash as Record<string, unknown>).map(([k, v]) => [k, escape(v)]),
      );
      // Escaped values become strings again for ICU; the catalogue's own words carry no markup.
      return safe(
        this.translator.t(
          langOf(options),
          key,
          Object.fromEntries(
            Object.entries(values).map(([k, v]) => [k, v instanceof hbs.SafeString ? v.toString() : v]),
          ),
        ),
      );
    });
    hbs.registerHelper('strong', (value: string) =>
      safe(html ? `<strong>${hbs.Utils.escapeExpression(value)}</strong>` : value),
    );
    hbs.registerHelper('quoted', (value: string, options: Handlebars.HelperOptions) => {
      present(value, 'a value in quoted');
      const [open, close] = QUOTES[langOf(options)] ?? QUOTES.en;
      return safe(`${open}${html ? hbs.Utils.escapeExpression(value) : value}${close}`);
    });
    hbs.registerHelper('join', (...parts: unknown[]) => parts.slice(0, -1).join(''));
    // Plain text as HTML paragraphs (blank lines part them, single breaks stay), every character escaped: a letter's
    // HTML part made from its text, with no second copy of the text in the outbox row.
    hbs.registerHelper('paragraphs', (value: string) => {
      present(value, 'the text of paragraphs');
      if (!html) return value;
      const escaped = String(value)
        .split(/\n{2,}/)
        .map((p) => p.replace(/^\n+|\n+$/g, ''))
        .filter((p) => p.trim() !== '')
        .map(
          (p) =>
            `<p style="margin:0 0 1em">${p
              .split('\n')
              .map((l) => hbs.Utils.escapeExpression(l))
              .join('<br>')}</p>`,
        );
      return safe(escaped.join('\n'));
    });
  }
}
