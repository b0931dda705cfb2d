import { LetterTemplateInvalidError } from '../letters.exception.js';
import { LetterTemplates } from './letter-templates.js';
import { LETTER_MERGE_FIELDS, targetMergeValues } from './merge-fields.js';

describe('LetterTemplates', () => {
  const templates = new LetterTemplates();
  const template = {
    subjects: ['{{supporter.fullName}} to {{target.title}}', 'About {{campaign.name}}'],
    body: '{{target.salutation}},\n\n{{#editable}}\nWe ask for: {{#each recommendations}}{{code}} {{/each}}\n{{/editable}}\n\n{{supporter.fullName}}',
    editable: true,
  };

  it('previews with the sample values, every subject line, the HTML part and the editable default', () => {
    const preview = templates.preview(template, { language: 'fr' });
    const { supporter, target, campaign } = LETTER_MERGE_FIELDS;
    expect(preview.subjects).toEqual([
      `${supporter.fields.fullName.sample} to ${target.fields.title.sample}`,
      `About ${campaign.fields.name.sample}`,
    ]);
    expect(preview.text).toBe(
      `${target.fields.salutation.sample},\n\nWe ask for: R1 R2\n\n${supporter.fields.fullName.sample}\n`,
    );
    expect(preview.editableDefault).toBe('We ask for: R1 R2');
    expect(preview.html).toContain('<html lang="fr" dir="ltr">');
    expect(preview.html).toContain(`<title>${preview.subjects[0]}</title>`);
  });

  it('previews with a chosen target, the supporter text and the chosen recommendations', () => {
    const target = targetMergeValues({
      name: 'Jane Doe',
      title: 'Minister for Children',
      body: 'Ministry of Education',
      salutation: 'Dear Minister Doe',
      country: 'GB',
      regionCodes: ['ENG', 'WLS'],
    });
    expect(target.region).toBe('ENG');
    const preview = templates.preview(template, {
      language: 'en',
      context: { target, recommendations: [] },
      subjectIndex: 1,
      editedText: 'My own <b>words</b>',
    });
    expect(preview.text).toBe(
      `Dear Minister Doe,\n\nMy own <b>words</b>\n\n${LETTER_MERGE_FIELDS.supporter.fields.fullName.sample}\n`,
    );
    expect(preview.html).toContain('<p>My own &lt;b&gt;words&lt;/b&gt;</p>');
    expect(preview.subjects[0]).toContain('Minister for Children');
    expect(preview.editableDefault).toBe('We ask for:');
  });

  it('refuses to preview an invalid template, as a save would', () => {
    const invalid = { ...template, body: 'Hello\n{{#editable}}{{supporter.firstName}}{{/editable}}' };
    expect(templates.check(invalid)).toHaveLength(1);
    let error: unknown;
    try {
      templates.preview(invalid, { language: 'en' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LetterTemplateInvalidError);
    expect((error as LetterTemplateInvalidError).fields).toEqual({
      body: [expect.stringMatching(/^line 2, column 16: "supporter.firstName" cannot be used in the editable part/)],
    });
    expect(() => templates.assertValid(invalid)).toThrow(LetterTemplateInvalidError);
  });

  it('renders a letter for sending', () => {
    const letter = templates.render(template, {
      supporter: { firstName: 'Amina' },
      target: { salutation: 'Dear Minister' },
    });
    expect(letter).toEqual({ subject: 'Amina to', text: 'Dear Minister,\n\nWe ask for:\n\nAmina\n' });
    expect(templates.html(letter.text, 'es', letter.subject)).toContain('<p>Dear Minister,</p>');
  });
});
