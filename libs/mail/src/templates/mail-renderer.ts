import { LANGUAGES, textDirection } from '#rally/core';
import { existsSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { TemplateNotRegisteredError } from '../mail.exception.js';
import type { MailTemplate } from './mail-template.js';

type Compiled = Handlebars.TemplateDelegate;
interface CompiledTemplate {
  subject: Map<string, Compiled>;
  html: Map<string, Compiled>;
  text: Map<string, Compiled>;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const PARTS = ['subject', 'html', 'text'] as const;

/**
 * Compiles every registered template once (strict: a missing field throws instead of rendering blank),
 * then renders by name and language, falling back to English. HTML parts are wrapped in the shared layout.
 */
export class MailRenderer {
  private readonly hbs = Handlebars.create();
  private readonly templates = new Map<string, CompiledTemplate>();
  private readonly layout: Compiled;

  constructor() {
    this.layout = this.compile(readFileSync(new URL('./layout.html.hbs', import.meta.url), 'utf8'));
  }

  register(...templates: MailTemplate<object>[]): void {
    for (const t of templates) {
      if (this.templates.has(t.name)) continue;
      const compiled: CompiledTemplate = { subject: new Map(), html: new Map(), text: new Map() };
      for (const part of PARTS) {
        for (const lang of LANGUAGES) {
          const file = new URL(lang === 'en' ? `${part}.hbs` : `${part}.${lang}.hbs`, t.dir);
          if (existsSync(file)) compiled[part].set(lang, this.compile(readFileSync(file, 'utf8')));
        }
        if (!compiled[part].has('en'))
          throw new Error(`Mail template ${t.name} has no ${part}.hbs in ${t.dir.pathname}`);
      }
      this.templates.set(t.name, compiled);
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
    const pick = (m: Map<string, Compiled>): Compiled => m.get(language) ?? (m.get('en') as Compiled);
    const context = { ...data, lang: language, dir: textDirection(language) };
    const subject = pick(t.subject)(context).replace(/\s+/g, ' ').trim();
    const body = pick(t.html)(context);
    return { subject, html: this.layout({ ...context, subject, body }), text: pick(t.text)(context).trim() + '\n' };
  }

  private compile(source: string): Compiled {
    return this.hbs.compile(source, { strict: true });
  }
}
