import { MailRenderer } from './mail-renderer.js';
import { defineMailTemplate } from './mail-template.js';

const GREETING = defineMailTemplate<{ name: string; note: string }>(
  'test.greeting',
  new URL('./testing-fixtures/greeting/', import.meta.url),
);

describe('MailRenderer', () => {
  const renderer = new MailRenderer().withTemplates(GREETING);

  it('renders subject, HTML inside the shared layout, and text', () => {
    const mail = renderer.render('test.greeting', 'en', { name: 'Amina', note: 'thanks' });
    expect(mail.subject).toBe('Hello Amina');
    expect(mail.html).toContain('<p>Hello Amina, thanks</p>');
    expect(mail.html).toContain('<html lang="en" dir="ltr">');
    expect(mail.text).toBe('Hello Amina, thanks\n');
  });

  it('picks the language variant, falling back to English part by part', () => {
    const mail = renderer.render('test.greeting', 'fr', { name: 'Amina', note: 'merci' });
    expect(mail.subject).toBe('Bonjour Amina');
    expect(mail.text).toBe('Hello Amina, merci\n');
    expect(mail.html).toContain('<html lang="fr" dir="ltr">');
  });

  it('escapes supporter-provided values in HTML', () => {
    const mail = renderer.render('test.greeting', 'en', { name: '<script>alert(1)</script>', note: 'x' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });

  it('is strict: a missing field throws instead of sending a blank', () => {
    expect(() => renderer.render('test.greeting', 'en', { name: 'Amina' })).toThrow(/note/);
  });

  it('refuses an unregistered template', () => {
    expect(() => renderer.render('nope', 'en', {})).toThrow(/not registered/);
  });
});
