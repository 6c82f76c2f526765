// A bar chart drawn on the server as SVG: nothing to load, nothing inline for the CSP to refuse
// (colours come from app.css classes), prints as it looks, and is readable without sight — the
// SVG carries a title and a description, each bar its own <title>, and the same numbers follow
// in a table (the one to read, copy and print).

export type ChartSeries = {
  label: string;
  /** One value per category (in the same order as `categories`). */
  values: number[];
};

export type BarChartProps = {
  /** Unique on the page: ids of the title and description are derived from it. */
  id: string;
  title: string;
  /** One sentence saying what the chart shows, for screen readers. */
  description: string;
  categories: string[];
  series: ChartSeries[];
  /** How a value is written in tooltips and the table (money, counts…). */
  format: (value: number) => string;
  /** Links of the table's cells, per series and category (drill-down), when there are any. */
  links?: (seriesIndex: number, categoryIndex: number) => string | null;
  /** Bars of the series side by side (default) or stacked. */
  stacked?: boolean;
  /** Header of the table's first column. */
  categoryHeader?: string;
};

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { top: 12, right: 12, bottom: 44, left: 72 };

/** A "nice" upper bound for the axis: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

export function BarChart(props: BarChartProps) {
  const { categories, series, format } = props;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const totals = categories.map((_, c) => series.reduce((sum, s) => sum + Math.max(0, s.values[c] ?? 0), 0));
  const highest = props.stacked ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((s) => s.values));
  const top = niceMax(highest);
  const y = (v: number) => PAD.top + plotH - (Math.max(0, v) / top) * plotH;
  const slot = plotW / Math.max(1, categories.length);
  const barW = props.stacked ? slot * 0.6 : (slot * 0.8) / Math.max(1, series.length);
  const titleId = `${props.id}-title`;
  const descId = `${props.id}-desc`;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  // Many categories: label every n-th one so the labels do not overlap (the table has them all).
  const labelEvery = Math.max(1, Math.ceil(categories.length / 12));

  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} class="chart-svg">
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{props.description}</desc>
        {ticks.map((v) => (
          <g class="chart-grid">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">{format(v)}</text>
          </g>
        ))}
        {categories.map((category, c) => {
          let stackedBase = 0;
          return (
            <g>
              {series.map((s, i) => {
                const value = Math.max(0, s.values[c] ?? 0);
                const x = props.stacked ? PAD.left + c * slot + (slot - barW) / 2 : PAD.left + c * slot + slot * 0.1 + i * barW;
                const yTop = props.stacked ? y(stackedBase + value) : y(value);
                const yBottom = props.stacked ? y(stackedBase) : y(0);
                stackedBase += props.stacked ? value : 0;
                return (
                  <rect class={`chart-bar series-${i % 6}`} x={x.toFixed(1)} y={yTop.toFixed(1)} width={Math.max(1, barW - 2).toFixed(1)} height={Math.max(0, yBottom - yTop).toFixed(1)}>
                    <title>{`${category} — ${s.label}: ${format(value)}`}</title>
                  </rect>
                );
              })}
              {c % labelEvery === 0 && (
                <text class="chart-label" x={(PAD.left + c * slot + slot / 2).toFixed(1)} y={HEIGHT - PAD.bottom + 16} text-anchor="middle">{category.length > 14 ? `${category.slice(0, 13)}…` : category}</text>
              )}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <figcaption class="chart-legend">
          {series.map((s, i) => (
            <span><span class={`swatch series-${i % 6}`} aria-hidden="true"></span>{s.label}</span>
          ))}
        </figcaption>
      )}
      <table class="chart-table">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{props.categoryHeader ?? ''}</th>
            {series.map((s) => <th scope="col" class="num">{s.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {categories.map((category, c) => (
            <tr>
              <th scope="row">{category}</th>
              {series.map((s, i) => {
                const href = props.links?.(i, c) ?? null;
                const text = format(s.values[c] ?? 0);
                return <td class="num">{href ? <a href={href}>{text}</a> : text}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
