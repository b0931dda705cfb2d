import { letterHtml } from './letter-html.js';

const bodyOf = (html: string): string => html.slice(html.indexOf('<body>') + 7, html.indexOf('</body>') - 1);

describe('letterHtml', () => {
  it('makes paragraphs at blank lines and <br> at single line breaks', () => {
    const html = letterHtml('Dear Minister,\n\nFirst line\nsecond line\r\n\r\n\n\nYours,\nAmina\n', 'en');
    expect(bodyOf(html)).toBe('<p>Dear Minister,</p>\n<p>First line<br>\nsecond line</p>\n<p>Yours,<br>\nAmina</p>');
  });

  it('escapes everything: supporter text with markup or braces stays text', () => {
    const html = letterHtml('<script>alert("x")</script> & {{constructor}} \'q\'', 'en', { title: '<b>Subject</b>' });
    expect(bodyOf(html)).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {{constructor}} &#39;q&#39;</p>',
    );
    expect(html).toContain('<title>&lt;b&gt;Subject&lt;/b&gt;</title>');
    expect(html).not.toContain('<script');
  });

  it('links http(s) addresses, escaped, without the punctuation that ends the sentence', () => {
    const html = bodyOf(
      letterHtml(
        'See https://example.org/report?a=1&b=2. Also (http://example.org/x_(y)) and https://e.org/"onclick=x',
        'en',
      ),
    );
    expect(html).toContain(
      'See <a href="https://example.org/report?a=1&amp;b=2" rel="noopener">https://example.org/report?a=1&amp;b=2</a>. ',
    );
    expect(html).toContain('(<a href="http://example.org/x_(y)" rel="noopener">http://example.org/x_(y)</a>) and');
    expect(html).toContain('<a href="https://e.org/" rel="noopener">https://e.org/</a>&quot;onclick=x');
  });

  it('links nothing but web addresses', () => {
    const html = bodyOf(
      letterHtml('javascript:alert(1) data:text/html,x ftp://x.org mailto:a@b.org https:// xhttp://e.org', 'en'),
    );
    expect(html).not.toContain('<a');
  });

  it('sets lang and dir from the language', () => {
    expect(letterHtml('x', 'fr')).toContain('<html lang="fr" dir="ltr">');
    expect(letterHtml('x', 'ar')).toContain('<html lang="ar" dir="rtl">');
    expect(letterHtml('x', '"><script>')).toContain('<html dir="ltr">');
    expect(
      letterHtml('x', 'en').startsWith('<!doctype html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">'),
    ).toBe(true);
  });
});
