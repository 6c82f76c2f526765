// Skipping regular expressions that cannot match. email-forward-parser runs some four hundred
// expressions over every forwarded body — each mail client's separator line in twenty-odd
// languages — and most of them contain a fixed piece of text ("Begin forwarded message",
// "kirjoitti", "Wysłane") without which they cannot match. `requiredLiteral` finds such a piece
// in an expression's source, and `guardRegExp` wraps the expression so that String's match,
// split and replace first look for it with a plain substring search: the result is the same, but
// a body without the piece costs one scan instead of a backtracking match at every line (the
// `^\s?.+\s*[\[|<].+` kind was a third of the library's time).

/** Shortest literal worth guarding with: shorter ones are in nearly every body. */
const MIN_LITERAL = 3;

/**
 * The longest run of characters that every match of `source` must contain, or null when none of
 * at least MIN_LITERAL characters can be proven. Conservative: anything it does not understand
 * (alternation, classes, escapes with a meaning, quantified atoms, lookarounds) ends a run.
 */
export function requiredLiteral(source: string): string | null {
  // \p{…}, \P{…} and \k<…> mean different things with and without the u flag (a property, a
  // backreference — or plain letters and braces): not worth reading either way.
  if (/\\[pPk]/.test(source.replaceAll('\\\\', ''))) return null;
  const runs: string[] = [];
  const end = sequence(source, 0, runs);
  if (end === -1 || end !== source.length) return null; // a top-level "|" or an unbalanced ")"
  const best = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
  return best.length >= MIN_LITERAL ? best : null;
}

const QUANTIFIER = /^(?:[?*+]|\{\d+(?:,\d*)?\})\??/;

/**
 * Reads a sequence from `i` up to ")" or the end, adding its required runs to `runs`; returns
 * where it stopped, or -1 when the sequence has an alternative ("|"), which makes nothing in it
 * required.
 */
function sequence(source: string, start: number, runs: string[]): number {
  let run = '';
  const close = () => {
    if (run) runs.push(run);
    run = '';
  };
  let i = start;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '|') return -1;
    if (c === ')') break;
    let atom: string | null = null; // the literal character this atom matches, if it is one
    let next: number;
    if (c === '(') {
      const head = /^\((?:\?(?:[=!:]|<[=!]|<[A-Za-z_$][\w$]*>))?/.exec(source.slice(i))![0];
      if (head === '(' && source[i + 1] === '?') return -1; // a group kind not known here
      const lookaround = /[=!]$/.test(head);
      const inner: string[] = [];
      const innerEnd = sequence(source, i + head.length, inner);
      const alternatives = innerEnd === -1;
      const end = alternatives ? groupEnd(source, i) : innerEnd;
      if (end === -1 || source[end] !== ')') return -1; // unbalanced: trust nothing
      next = end + 1;
      const quantified = QUANTIFIER.exec(source.slice(next));
      close();
      if (quantified) next += quantified[0].length;
      else if (!lookaround && !alternatives) runs.push(...inner);
      i = next;
      continue;
    } else if (c === '[') {
      next = classEnd(source, i);
      if (next === -1) return -1;
    } else if (c === '\\') {
      const e = source[i + 1];
      if (e === undefined) return -1;
      if (/[0-9A-Za-z]/.test(e)) next = escapeEnd(source, i);
      else {
        atom = e;
        next = i + 2;
      }
    } else if (c === '.' || c === '^' || c === '$') {
      next = i + 1;
    } else {
      atom = c;
      next = i + 1;
    }
    const quantified = QUANTIFIER.exec(source.slice(next));
    if (quantified || atom === null) {
      close();
      i = next + (quantified ? quantified[0].length : 0);
    } else {
      run += atom;
      i = next;
    }
  }
  close();
  return i;
}

/** Index of the ")" closing the group opening at `i`, or -1 when it never closes. */
function groupEnd(source: string, i: number): number {
  let depth = 0;
  for (let j = i; j < source.length; j++) {
    const c = source[j];
    if (c === '\\') j++;
    else if (c === '[') {
      const end = classEnd(source, j);
      if (end === -1) return -1;
      j = end - 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j;
  }
  return -1;
}

/** Index just past the character class opening at `i`, or -1 when it never closes. */
function classEnd(source: string, i: number): number {
  let j = i + 1;
  if (source[j] === '^') j++;
  for (; j < source.length; j++) { // as in JavaScript, "[]" is an empty class and "[^]" any character
    if (source[j] === '\\') j++;
    else if (source[j] === ']') return j + 1;
  }
  return -1;
}

/**
 * Index just past an escape with a meaning (\s, \d, \u00A0, \x41, \cJ, \1…). Only well-formed
 * payloads are consumed; whatever follows a malformed one is read as the pattern goes on, so a
 * "|" or "(" there is never skipped.
 */
function escapeEnd(source: string, i: number): number {
  const e = source[i + 1]!;
  const rest = source.slice(i + 2);
  if (e === 'u') return i + 2 + (/^(?:[0-9A-Fa-f]{4}|\{[0-9A-Fa-f]+\})/.exec(rest)?.[0].length ?? 0);
  if (e === 'x') return i + 2 + (/^[0-9A-Fa-f]{2}/.test(rest) ? 2 : 0);
  if (e === 'c') return i + 2 + (/^[A-Za-z]/.test(rest) ? 1 : 0);
  if (/[0-9]/.test(e)) return i + 2 + (/^[0-9]*/.exec(rest)?.[0].length ?? 0);
  return i + 2;
}

/** The last string lower-cased for a case-insensitive guard (the parser runs many over one body). */
let lastInput = '';
let lastLower = '';
const lower = (s: string) => {
  if (s !== lastInput) {
    lastInput = s;
    lastLower = s.toLowerCase();
  }
  return lastLower;
};

/**
 * `regex` behind a substring check, for String.prototype.match, split and replace (the only ways
 * email-forward-parser uses its expressions); the expression itself when no literal is required
 * or the check could not be exact (a case-insensitive expression with a non-ASCII literal, the u,
 * v or y flags).
 */
export function guardRegExp(regex: RegExp): RegExp {
  // With u or v, case-insensitive matching pairs some non-ASCII letters with ASCII ones ("ſ" and
  // "s"); with y, a failed match also resets lastIndex. Neither occurs in the library: left alone.
  if (/[uvy]/.test(regex.flags)) return regex;
  let literal = requiredLiteral(regex.source);
  if (literal === null) return regex;
  const ignoreCase = regex.flags.includes('i');
  if (ignoreCase) {
    // Without the u flag, case-insensitive matching never pairs a non-ASCII character with an
    // ASCII one, so an ASCII literal found in the lower-cased text is a sound test.
    if (!/^[\x20-\x7e]+$/.test(literal)) return regex;
    literal = literal.toLowerCase();
  }
  const needle = literal;
  const absent = (s: string) => !(ignoreCase ? lower(s) : s).includes(needle);
  const guarded = {
    [Symbol.match]: (s: string) => (absent(s) ? null : s.match(regex)),
    [Symbol.split]: (s: string, limit?: number) => (absent(s) ? (limit === 0 ? [] : [s]) : s.split(regex, limit)),
    [Symbol.replace]: (s: string, replacement: string) => (absent(s) ? s : s.replace(regex, replacement)),
  };
  return guarded as unknown as RegExp;
}
