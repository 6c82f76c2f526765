// Fills the {placeholders} of the data tables' sentences.

export type TextVars = Partial<Record<
  'person' | 'company' | 'city' | 'article' | 'qty' | 'n' | 'floor' | 'department' | 'year' | 'nextYear' | 'date' | 'discount',
  string | number
>>;

/** Replaces {name} with vars.name; a placeholder without a value is a bug in the tables, so it throws. */
export function fillText(template: string, vars: TextVars): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name as keyof TextVars];
    if (value === undefined) throw new Error(`no value for {${name}} in "${template}"`);
    return String(value);
  });
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "27.11.2026", as dates are written in Polish text. */
export function polishDate(date: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) formats.set(timeZone, (format = new Intl.DateTimeFormat('pl-PL', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' })));
  return format.format(date);
}
