import { sanitiseHtml } from './html-sanitise.js';

const clean = (html: string): string =>
  sanitiseHtml(html, (cid) => (cid === 'logo@x' ? '/api/orgs/o/inbound/messages/m/attachments/a' : null));

describe('sanitiseHtml', () => {
  it.each([
    ['<script>alert(1)</script><p>hi</p>', '<p>hi</p>'],
    ['<p onclick="alert(1)" onmouseover="x">hi</p>', '<p>hi</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a target="_blank" rel="noopener noreferrer nofollow">x</a>'],
    ['<a href="JaVaScRiPt&colon;alert(1)">x</a>', '<a target="_blank" rel="noopener noreferrer nofollow">x</a>'],
    [
      '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
      '<a target="_blank" rel="noopener noreferrer nofollow">x</a>',
    ],
    ['<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="y">', ''],
    ['<form action="https://evil.example"><input name="p"></form>', ''],
    ['<style>body{background:url(https://t.example/p.gif)}</style><p>x</p>', '<p>x</p>'],
    ['<svg><script>alert(1)</script></svg>', ''],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example">', ''],
  ])('%s', (input, expected) => {
    expect(clean(input)).toBe(expected);
  });

  it('keeps safe styles and drops CSS that fetches or runs', () => {
    expect(clean('<p style="color: red; background-image: url(https://t.example/p.gif)">x</p>')).toBe(
      '<p style="color:red">x</p>',
    );
    expect(clean('<p style="width: expression(alert(1))">x</p>')).toBe('<p>x</p>');
    expect(clean('<p style="background-color: u\\72l(https://t.example)">x</p>')).toBe('<p>x</p>');
  });

  it('blocks remote and data images and points cid: images at Rally', () => {
    expect(clean('<img src="https://tracker.example/open.gif" alt="logo">')).toBe('<img alt="logo" />');
    expect(clean('<img src="https://tracker.example/pixel.gif" width="1">')).toBe('');
    expect(clean('<img src="data:image/png;base64,AAAA" alt="d">')).toBe('<img alt="d" />');
    expect(clean('<img src="cid:logo@x" alt="Ministry">')).toBe(
      '<img src="/api/orgs/o/inbound/messages/m/attachments/a" alt="Ministry" />',
    );
    expect(clean('<img src="cid:unknown@x" alt="u">')).toBe('<img alt="u" />');
  });

  it('keeps ordinary mail markup and safe links', () => {
    expect(
      clean('<table><tr><td colspan="2"><b>Hi</b> <a href="https://justice.example.gov/x">link</a></td></tr></table>'),
    ).toBe(
      '<table><tr><td colspan="2"><b>Hi</b> <a href="https://justice.example.gov/x" target="_blank" rel="noopener noreferrer nofollow">link</a></td></tr></table>',
    );
  });
});
