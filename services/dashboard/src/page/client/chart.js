import { h, percent, svg } from './dom.js';

const WIDTH = 640;
const ROW = 26;
const TOP = 34;
const LABEL = 170;
const BAR = 330;
const GAP = 8;

function ticks(height) {
  return [0, 0.25, 0.5, 0.75, 1].map((t) =>
    svg(
      'g',
      { class: 'tick' },
      svg('line', { x1: LABEL + t * BAR, x2: LABEL + t * BAR, y1: TOP - 6, y2: height - 4 }),
      svg('text', { x: LABEL + t * BAR, y: TOP - 10, 'text-anchor': 'middle' }, percent(t)),
    ),
  );
}

/**
 * A horizontal bar chart of overturn rates, one bar per group ({ key, upheld, overturned,
 * decisions, overturnRate } as /api/stats gives them), drawn as inline SVG. Each bar carries its
 * numbers as data attributes and says them in its <title> and its label.
 */
export function overturnChart(id, title, groups) {
  if (!groups.length) return h('p', { class: 'empty' }, `${title}: no decisions.`);
  const height = TOP + groups.length * ROW + 4;
  const titleId = `${id}-title`;
  return svg(
    'svg',
    {
      class: 'bars',
      'data-chart': id,
      viewBox: `0 0 ${WIDTH} ${height}`,
      width: WIDTH,
      height,
      role: 'img',
      'aria-labelledby': titleId,
    },
    svg('title', { id: titleId }, title),
    svg('text', { class: 'chart-title', x: 0, y: 14 }, title),
    ticks(height),
    groups.map((g, i) => {
      const y = TOP + i * ROW;
      const decided = g.upheld + g.overturned;
      const rate = g.overturnRate;
      const value = rate === null ? 'no outcome' : `${percent(rate)} (${g.overturned}/${decided})`;
      return svg(
        'g',
        {
          class: 'bar',
          'data-key': g.key,
          'data-overturned': g.overturned,
          'data-upheld': g.upheld,
          'data-decisions': g.decisions,
          'data-rate': rate === null ? '' : rate,
        },
        svg(
          'title',
          {},
          `${g.key}: ${percent(rate)} overturned (${g.overturned} of ${decided} upheld or overturned; ${g.decisions} decisions)`,
        ),
        svg(
          'text',
          {
            class: 'bar-label',
            x: LABEL - GAP,
            y: y + ROW / 2,
            'text-anchor': 'end',
            'dominant-baseline': 'middle',
          },
          g.key,
        ),
        svg('rect', { class: 'track', x: LABEL, y: y + 4, width: BAR, height: ROW - 8 }),
        svg('rect', { class: 'fill', x: LABEL, y: y + 4, width: (rate ?? 0) * BAR, height: ROW - 8 }),
        svg(
          'text',
          { class: 'bar-value', x: LABEL + BAR + GAP, y: y + ROW / 2, 'dominant-baseline': 'middle' },
          value,
        ),
      );
    }),
  );
}
