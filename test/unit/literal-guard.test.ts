// literal-guard.ts: which fixed text an expression needs, and that an expression behind its guard
// answers String's match, split and replace exactly as the expression itself.
import EmailForwardParser from 'email-forward-parser';
import { describe, expect, it } from 'vitest';
import { guardRegExp, requiredLiteral } from '../../src/domain/mail/literal-guard.ts';

describe('requiredLiteral', () => {
  it.each([
    [/^\s?.+\s*[\[|<].+[\]|>]\s?kirjoitti\s?.+\s?:/m, 'kirjoitti'],
    [/^\s*-{8,10}\s*Forwarded message\s*-{8,10}\s*/m, 'Forwarded message'],
    [/(^\s?Dnia\s?.+\s?„.+”\s*[\[|<].+[\]|>]\s?napisał\s?:)/m, 'napisał'], // a "line" expression: the whole in a group
    [/^\s?(?<date>.+)\s?időpontban\s?(?<from_name>.+)/m, 'időpontban'],
    [/\*?Subject\s?:\*?(.+)/im, 'Subject'],
    [/\x41BCD/, 'BCD'], // \x41 is a character the scan does not read as "x41"
    [/\u00A0abc/, 'abc'],
    [/Redir.:(.*)/m, 'Redir'],
    [/abcd?ef/, 'abc'], // the optional d is not required, so the run stops before it
    [/(a|b)cdef/, 'cdef'], // alternatives inside a group: the group is skipped, the rest counts
    [/abc(d(e|f)g)hij/, 'abc'],
    [/x\(literal\)y/, 'x(literal)y'],
    [/\cJabcd/, 'abcd'], // \cJ is one character
    [/\\pabcd/, '\\pabcd'], // an escaped backslash, then letters
  ])('%s needs %j', (regex, literal) => {
    expect(requiredLiteral(regex.source)).toBe(literal);
  });

  it.each([
    /abc|def/, // an alternative at the top: nothing is required
    /(?:abcdef)?x/, // an optional group
    /(abcdef)*/,
    /ab(?=cdefgh)/, // a lookahead does not consume
    /ab\scd/,
    /\u00A0$/gm, // the hex digits of an escape are not text
    /[abcdef]+/,
    /(^\s*_{32}\s*$)/m,
  ].map((r) => r.source).concat([
    '\\x|abcd', // \x without hex digits is the letter x: the "|" after it still splits the pattern
    '\\u{a|bcde}', // not an escape without the u flag: "u{a" or "bcde}"
    '[]|abcd', // "[]" is an empty class in JavaScript, so the "|" is at the top
    '(abc', 'abc[def', // unbalanced
    'abc(?P<x>def)ghi', // a group kind it does not know
    '\\p{a|bcde}', 'abcdef\\k<x>', // \p and \k, read differently with and without u
  ]))('%s needs nothing provable', (source) => {
    expect(requiredLiteral(source)).toBeNull();
  });
});

describe('guardRegExp', () => {
  const texts = [
    '',
    'Dzień dobry,\nproszę o ofertę.',
    'Matti Meikäläinen <matti@example.fi> kirjoitti 2.3.2026 klo 10.15:\n> Hei',
    'On Mon, 2 Mar 2026, "John Doe" <john.doe@acme.com> wrote:\n> Hello',
    '---------- Forwarded message ---------\nFrom: Anna <anna@klient.pl>\nSUBJECT: Zapytanie',
    'KIRJOITTI without the rest',
  ];
  const library = new EmailForwardParser() as unknown as { parser: { regexes: Record<string, RegExp | RegExp[]> } };
  const expressions = [...Object.values(library.parser.regexes).flat(), /\*?Subject\s?:\*?(.+)/im, /kirjoitti/g];

  it('answers as the expression itself, for every expression of email-forward-parser', () => {
    for (const regex of expressions) {
      const guard = guardRegExp(regex);
      for (const text of texts) {
        expect(text.match(guard), String(regex)).toEqual(text.match(regex));
        expect(text.split(guard), String(regex)).toEqual(text.split(regex));
        expect(text.split(guard, 1), String(regex)).toEqual(text.split(regex, 1));
        expect(text.replace(guard, ''), String(regex)).toBe(text.replace(regex, ''));
      }
    }
  });

  it('skips the expression when its text is absent, and runs it when present', () => {
    const regex = /^\s?.+\s*[\[|<].+[\]|>]\s?kirjoitti\s?.+\s?:/m;
    const guard = guardRegExp(regex);
    expect(guard).not.toBe(regex);
    expect('Matti <m@x.fi> kirjoitti eilen:'.match(guard)?.[0]).toBe('Matti <m@x.fi> kirjoitti eilen:');
    let ran = 0;
    class Counting extends RegExp {
      override [Symbol.match](text: string) {
        ran++;
        return super[Symbol.match](text);
      }
    }
    const guarded = guardRegExp(new Counting(regex.source, regex.flags));
    expect('nothing Finnish here'.match(guarded)).toBeNull();
    expect(ran).toBe(0);
    expect('Matti <m@x.fi> kirjoitti eilen:'.match(guarded)).not.toBeNull();
    expect(ran).toBe(1);
  });

  it('is case-insensitive where the expression is, and leaves non-ASCII case-insensitive ones alone', () => {
    const guard = guardRegExp(/^\*?Subject\s?:\*?(.+)/im);
    expect('SUBJECT: Zapytanie'.match(guard)?.[1]).toBe(' Zapytanie');
    const polish = /^Temat wiadomości\s?:(.+)/im;
    expect(guardRegExp(polish)).toBe(polish);
    const unicode = /subject/iu; // matches "ſubject" ("ſ" folds to "s" with u)
    expect(guardRegExp(unicode)).toBe(unicode);
    expect('ſubject'.match(guardRegExp(unicode))).not.toBeNull();
  });
});
