import { ATTACHMENT_LIMITS, cleanFileName, keepAttachments } from './attachments.js';

describe('attachment names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\system32\\evil.dll', 'evil.dll'],
    ['..', 'attachment-1.pdf'],
    ['report..pdf', 'report.pdf'],
    ['.htaccess', 'htaccess'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['a\u2066b\u2069c\u200b.pdf', 'abc.pdf'],
    ['line\r\nbreak\0.pdf', 'linebreak.pdf'],
    ['what?<>:"|*.pdf', 'what_______.pdf'],
    ['CON.txt', '_CON.txt'],
    ['   ', 'attachment-1.pdf'],
    [null, 'attachment-1.pdf'],
    ['Réponse du ministère.pdf', 'Réponse du ministère.pdf'],
  ])('%j -> %s', (name, expected) => {
    expect(cleanFileName(name, 'application/pdf', 0)).toBe(expected);
  });

  it('caps long names keeping the extension', () => {
    const name = cleanFileName(`${'a'.repeat(300)}.pdf`, 'application/pdf', 0);
    expect(name).toHaveLength(ATTACHMENT_LIMITS.maxNameChars);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('keeps at most 20 files of at most 10 MB, archives as they came', () => {
    const part = (size: number, type = 'application/pdf') => ({
      fileName: 'a.pdf',
      contentType: type,
      disposition: 'attachment',
      contentId: null,
      data: Buffer.alloc(size),
    });
    const { kept, dropped } = keepAttachments([
      part(ATTACHMENT_LIMITS.maxBytes + 1),
      part(10, 'application/zip'),
      ...Array.from({ length: 25 }, () => part(10)),
    ]);
    expect(kept).toHaveLength(ATTACHMENT_LIMITS.maxFiles);
    expect(dropped).toBe(1 + 6);
    expect(kept[0]).toMatchObject({ contentType: 'application/zip', data: Buffer.alloc(10) });
  });
});
