import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from '../../src/domain/files/sanitize-email-html.ts';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('sanitizeEmailHtml', () => {
  it('keeps the text and harmless structure of a message', () => {
    const html = sanitizeEmailHtml('<div><p>Dzień dobry,</p><table><tr><td colspan="2"><b>Oferta</b> – 12 szt.</td></tr></table><ul><li>a</li></ul></div>');
    expect(html).toBe('<div><p>Dzień dobry,</p><table><tr><td colspan="2"><b>Oferta</b> – 12 szt.</td></tr></table><ul><li>a</li></ul></div>');
  });

  it('drops scripts with their content, and every event handler', () => {
    const html = sanitizeEmailHtml('<p onclick="steal()" onmouseover="x()">Hi<script>alert(document.cookie)</script></p><body onload="x()"><img src="x" onerror="alert(1)"><SCRIPT src="https://evil.example/x.js"></SCRIPT>');
    expect(html).toBe('<p>Hi</p>');
    expect(html).not.toMatch(/script|alert|onerror|onclick|onload/i);
  });

  it('neutralises javascript:, vbscript:, data: and protocol-relative links and adds noopener to the rest', () => {
    const html = sanitizeEmailHtml(
      '<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt&colon;alert(1)">b</a><a href=" java\tscript:alert(1)">c</a><a href="vbscript:x">d</a>' +
        '<a href="data:text/html,<script>alert(1)</script>">e</a><a href="//evil.example/">f</a><a href="https://shop.example/oferta?id=1">g</a><a href="mailto:jan@example.pl">h</a>',
    );
    expect(html).not.toMatch(/javascript|vbscript|data:|evil\.example/i);
    expect(html).toContain('<a href="https://shop.example/oferta?id=1" rel="noopener noreferrer" target="_blank">g</a>');
    expect(html).toContain('<a href="mailto:jan@example.pl" rel="noopener noreferrer" target="_blank">h</a>');
    // Every link, even one whose href was removed, gets rel and target: nothing can reach window.opener.
    expect(html.match(/<a /g)).toHaveLength(8);
    expect(html.match(/rel="noopener noreferrer" target="_blank"/g)).toHaveLength(8);
  });

  it('removes style attributes, style sheets, classes and ids', () => {
    const html = sanitizeEmailHtml('<style>body{background:url(https://t.example/p.gif)}</style><p style="background:url(https://t.example/p.gif)" class="x" id="y">Text</p><link rel="stylesheet" href="https://t.example/s.css">');
    expect(html).toBe('<p>Text</p>');
  });

  it('removes frames, objects, forms, meta refresh and base', () => {
    const html = sanitizeEmailHtml(
      '<iframe src="https://evil.example/"></iframe><frameset><frame src="x"></frameset><object data="x.swf"></object><embed src="x.swf">' +
        '<form action="https://evil.example/login"><input name="password"><button>Zaloguj</button></form><meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">ok',
    );
    expect(html).not.toMatch(/iframe|frame|object|embed|form|input|meta|base|evil/i);
    expect(html).toContain('ok');
  });

  it('drops remote images (tracking pixels) and keeps only inline raster data: images', () => {
    const html = sanitizeEmailHtml(`<img src="https://track.example/pixel.gif?u=1" width="1" height="1"><img src="cid:logo@x"><img src="//cdn.example/a.png"><img src="${PNG}" alt="logo" style="width:10px"><img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`);
    expect(html).toBe(`<img src="${PNG}" alt="logo" />`);
  });

  it('removes inline SVG and MathML with everything inside them', () => {
    const html = sanitizeEmailHtml('<svg onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)"><text>x</text></a><foreignObject><p>in</p></foreignObject></svg><math><mtext><img src=x onerror=alert(4)></mtext></math>after');
    expect(html).toBe('after');
  });

  it('survives malformed and nested tricks', () => {
    const html = sanitizeEmailHtml('<scr<script>ipt>alert(1)</scr</script>ipt><<img src=x onerror=alert(1)>p>x</p><!--<img src=x onerror=alert(1)>--><noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>');
    expect(html).not.toMatch(/<script|onerror|<img/i);
  });
});
