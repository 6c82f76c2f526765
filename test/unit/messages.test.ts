import { describe, expect, it } from 'vitest';
import { CATALOGUE_PARTS, localeFromAcceptLanguage, translator } from '../../views/i18n/messages.ts';

describe('message catalogues', () => {
  it('defines every key in exactly one part, in both languages', () => {
    const seen = new Map<string, string>();
    for (const [part, { en, pl }] of Object.entries(CATALOGUE_PARTS)) {
      expect(Object.keys(pl).sort(), part).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        expect(seen.get(key), `${key} is defined in ${seen.get(key)} and ${part}`).toBeUndefined();
        seen.set(key, part);
      }
    }
    expect(seen.size).toBeGreaterThan(50);
  });

  it('fills parameters and formats money and dates in the locale', () => {
    const pl = translator('pl', 'Europe/Warsaw');
    expect(pl('tooManyAttempts', { minutes: 5 })).toBe('Zbyt wiele nieudanych logowań. Spróbuj ponownie za 5 min.');
    expect(pl.money('1234.5').replace(/\s/g, ' ')).toBe('1234,50 zł');
    expect(translator('en', 'Europe/Warsaw').dateTime(new Date('2026-01-31T23:30:00Z'))).toBe('01/02/2026, 00:30');
  });

  it('picks the browser language among ours, Polish by default', () => {
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,pl;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('de-DE,pl;q=0.5')).toBe('pl');
    expect(localeFromAcceptLanguage(undefined)).toBe('pl');
  });
});
