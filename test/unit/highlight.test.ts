// Snippet highlighting of the knowledge base: folded matching on the original text.
import { describe, expect, it } from 'vitest';
import { highlightSegments, knowledgeTerms, type Segment } from '../../src/domain/analytics/search-knowledge.ts';

/** Matches in brackets: "Ten [Żółw] ruszył". */
const show = (segments: Segment[]) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

describe('highlightSegments', () => {
  it('matches without regard to case and Polish letters, keeping the original characters', () => {
    expect(highlightSegments('Ten Żółw ruszył', ['zolw'])).toEqual([
      { text: 'Ten ', match: false },
      { text: 'Żółw', match: true },
      { text: ' ruszył', match: false },
    ]);
    expect(show(highlightSegments('Dostawa do ŁÓDŹ i do Lodz', ['lodz']))).toBe('Dostawa do [ŁÓDŹ] i do [Lodz]');
    // Terms are folded too: "łódź" typed with Polish letters finds the text written without them.
    expect(show(highlightSegments('Oddział Lodz-Widzew', ['łódź']))).toBe('Oddział [Lodz]-Widzew');
    expect(show(highlightSegments('Straße und STRASSE', ['strasse']))).toBe('[Straße] und [STRASSE]');
  });

  it('keeps decomposed letters and characters outside the BMP whole', () => {
    const decomposed = 'Z\u0307o\u0301\u0142w i 😀 z\u0307o\u0301\u0142w';
    const segments = highlightSegments(decomposed, ['zolw']);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['Z\u0307o\u0301\u0142w', 'z\u0307o\u0301\u0142w']);
    expect(segments.map((s) => s.text).join('')).toBe(decomposed);
    // Positions after a letter that folds to two ("ß" → "ss") stay right.
    expect(show(highlightSegments('Straße, Żółw\ti ŻÓŁW', ['zolw']))).toBe('Straße, [Żółw]\ti [ŻÓŁW]');
  });

  it('marks every occurrence and merges overlapping and adjacent matches', () => {
    expect(show(highlightSegments('abc abcd xbcdx', ['abc', 'bcd']))).toBe('[abc] [abcd] x[bcd]x');
    expect(show(highlightSegments('kotpies', ['kot', 'pies']))).toBe('[kotpies]');
    expect(show(highlightSegments('aaaa', ['aa']))).toBe('[aaaa]');
    expect(highlightSegments('nic tu nie ma', ['zolw'])).toEqual([{ text: 'nic tu nie ma', match: false }]);
    expect(highlightSegments('', ['zolw'])).toEqual([]);
    expect(highlightSegments('tekst', [])).toEqual([{ text: 'tekst', match: false }]);
  });

  it('keeps markup as plain text (the view escapes it)', () => {
    expect(highlightSegments('<script>alert("żółw")</script>', ['zolw'])).toEqual([
      { text: '<script>alert("', match: false },
      { text: 'żółw', match: true },
      { text: '")</script>', match: false },
    ]);
  });

  it('cuts a window around the first match at spaces, with ellipses', () => {
    const before = Array.from({ length: 40 }, (_, i) => `przed${i}`).join(' ');
    const after = Array.from({ length: 40 }, (_, i) => `po${i}`).join(' ');
    const text = `${before} Żółw ruszył ${after}`;
    const segments = highlightSegments(text, ['zolw'], { window: 100 });
    const shown = show(segments);
    expect(shown.startsWith('…')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).toContain('[Żółw] ruszył');
    // About a third of the window comes before the match, cut at a space.
    const head = shown.slice(1, shown.indexOf('['));
    expect(head.length).toBeGreaterThan(15);
    expect(head.length).toBeLessThanOrEqual(34);
    expect(head.startsWith('przed')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(110);
    // A later match inside the window is marked too; one outside is not shown.
    expect(show(highlightSegments(`${text} żółw`, ['zolw'], { window: 100 }))).not.toContain('po39 [żółw]');
  });

  it('shows the beginning when nothing matches, and the whole of a short text', () => {
    const text = Array.from({ length: 50 }, (_, i) => `słowo${i}`).join(' ');
    const shown = show(highlightSegments(text, ['zolw'], { window: 60 }));
    expect(shown.startsWith('słowo0 słowo1')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    expect(show(highlightSegments('krótki żółw', ['zolw'], { window: 60 }))).toBe('krótki [żółw]');
  });

  it('never cuts inside a match at the end of the window', () => {
    const text = `${'x'.repeat(30)} ${'y'.repeat(30)} żółwżółwżółw koniec ${'z'.repeat(50)}`;
    const segments = highlightSegments(text, ['zolw'], { window: 70 });
    expect(segments.find((s) => s.match)?.text).toBe('żółwżółwżółw');
  });
});

describe('knowledgeTerms', () => {
  it('folds, splits, drops punctuation at word ends and duplicates', () => {
    expect(knowledgeTerms('  Łódź, ŻÓŁW!  łódź "FV/2030/11/0001" - ')).toEqual(['lodz', 'zolw', 'fv/2030/11/0001']);
    expect(knowledgeTerms('')).toEqual([]);
    expect(knowledgeTerms('a b c d e f g h')).toHaveLength(6);
  });
});
