import { loadCatalogue } from '#rally/core';
import { MailRenderer } from './mail-renderer.js';
import { defineMailTemplate } from './mail-template.js';

const FIXTURE = loadCatalogue('fixture', new URL('./testing-fixtures/i18n/', import.meta.url));
const GREETING = defineMailTemplate<{ name: string; note: string; count: number; title: string }>(
  'test.greeting',
  new URL('./testing-fixtures/greeting/', import.meta.url),
  FIXTURE,
);
const data = { name: 'Amina', note: 'thanks', count: 1, title: 'Free them' };

describe('MailRenderer', () => {
  const renderer = new MailRenderer().withTemplates(GREETING);

  it('renders subject, HTML inside the shared layout, and text, with words from the catalogue', () => {
    const mail = renderer.render('test.greeting', 'en', data);
    expect(mail.subject).toBe('Hello Amina');
    expect(mail.html).toContain('<p>Hello <strong>Amina</strong>, thanks</p>');
    expect(mail.html).toContain('<html lang="en" dir="ltr">');
    expect(mail.text).toBe('Hello Amina, thanks\n1 message “Free them”\n');
  });

  it('speaks the mail language: words, plurals, number format and quotes', () => {
    const mail = renderer.render('test.greeting', 'fr', { ...data, count: 1234 });
    expect(mail.subject).toBe('Bonjour Amina');
    expect(mail.text).toContain('1\u202f234 messages « Free them »');
    expect(mail.html).toContain('<html lang="fr" dir="ltr">');
    expect(renderer.render('test.greeting', 'de', data).subject).toBe('Hello Amina'); // unknown language: English
  });

  it('escapes supporter-provided values in HTML, and never HTML-escapes the plain text parts', () => {
    const mail = renderer.render('test.greeting', 'en', {
      ...data,
      name: '<script>alert(1)</script>',
      title: 'Kids & "care"',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>');
    expect(mail.html).toContain('Kids &amp; &quot;care&quot;');
    expect(mail.subject).toBe('Hello <script>alert(1)</script>');
    expect(mail.text).toContain('“Kids & "care"”');
  });

  it('is strict: a missing field throws instead of sending a blank', () => {
    expect(() => renderer.render('test.greeting', 'en', { name: 'Amina' })).toThrow(/note|count|title/);
  });

  it('refuses an unregistered template', () => {
    expect(() => renderer.render('nope', 'en', {})).toThrow(/not registered/);
  });
});
