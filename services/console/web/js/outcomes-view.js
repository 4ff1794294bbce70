// What Kết quả hỗ trợ shows of Monitoring.GetOutcomes (docs/outcomes.md),
// without a page: the groupings offered, each group's name, a share with its
// interval, a suppressed cell, income, the median time to escape, and the
// points of a Kaplan–Meier curve. The screen (screens/outcomes.js) lays
// these out; tests/web/outcomes-view.test.mjs checks them under node.

import { t, enumWord } from './i18n.js';
import * as format from './format.js';

// The groupings, in the order offered, with the short name the page's
// address uses (the CLI's --by words, docs/outcomes.md).
export const DIMENSIONS = [
  { by: 'type', value: 'OUTCOME_DIMENSION_SUPPORT_TYPE' },
  { by: 'source', value: 'OUTCOME_DIMENSION_SOURCE' },
  { by: 'programme', value: 'OUTCOME_DIMENSION_CREDIT_PROGRAMME' },
  { by: 'model', value: 'OUTCOME_DIMENSION_LIVELIHOOD_MODEL' },
  { by: 'organization', value: 'OUTCOME_DIMENSION_ORGANIZATION' },
  { by: 'helper', value: 'OUTCOME_DIMENSION_HELPER' },
  { by: 'group', value: 'OUTCOME_DIMENSION_RESIDENTIAL_GROUP' },
];

export function dimensionOf(by) {
  return DIMENSIONS.find((d) => d.by === by) || DIMENSIONS[0];
}

// The resolution's period, the default of the page and of the final review.
export const RESOLUTION_PERIOD = { from: '2021-01-01', to: '2025-12-31' };

// What a cell fewer than five households stand behind shows instead.
export const SUPPRESSED = '<5';

// The name of a group: support types and programmes in the catalogs' words,
// organizations, helpers and models by name from the directory (`names`:
// {organizations, helpers, models}, Maps id -> name), anything else as
// recorded; the whole ward and a key never recorded in words too.
export function groupName(dimension, key, names = {}) {
  if (key === null || key === undefined) return t('console.outcomes.ward');
  if (key === '') return t('report.not_recorded');
  const lookup = (map) => (map && map.get(key)) || key;
  switch (dimension) {
    case 'OUTCOME_DIMENSION_SUPPORT_TYPE':
      return enumWord('support_type', key, 'SUPPORT_TYPE_');
    case 'OUTCOME_DIMENSION_CREDIT_PROGRAMME':
      return enumWord('credit_programme', key, 'CREDIT_PROGRAMME_');
    case 'OUTCOME_DIMENSION_LIVELIHOOD_MODEL':
      return lookup(names.models);
    case 'OUTCOME_DIMENSION_ORGANIZATION':
      return lookup(names.organizations);
    case 'OUTCOME_DIMENSION_HELPER':
      return lookup(names.helpers);
    default:
      return key;
  }
}

function int(n) {
  const value = Number(n);
  return Number.isFinite(value) ? value : 0;
}

// A count of households: "<5" when suppressed.
export function countText(proportion) {
  if (!proportion) return '';
  if (proportion.suppressed) return SUPPRESSED;
  return format.number(int(proportion.count));
}

// How a share reads: {suppressed: true}, {none: true} when nobody is behind
// it (no household followed that long), else its parts.
export function share(proportion) {
  if (!proportion) return { none: true };
  if (proportion.suppressed) return { suppressed: true };
  if (int(proportion.denominator) === 0) return { none: true };
  return {
    count: int(proportion.count),
    denominator: int(proportion.denominator),
    percent: Number(proportion.percent || 0),
    lower: Number(proportion.lower_percent || 0),
    upper: Number(proportion.upper_percent || 0),
  };
}

// "50,00% (23,66–76,34%), 5/10 hộ"; "<5"; "—".
export function shareText(proportion) {
  const s = share(proportion);
  if (s.suppressed) return SUPPRESSED;
  if (s.none) return '—';
  return t('console.outcomes.share', {
    percent: format.percent(s.percent),
    lower: format.percent(s.lower),
    upper: format.percent(s.upper),
    count: String(s.count),
    denominator: String(s.denominator),
  });
}

// Median income before → after ("1.200.000 ₫ → 1.650.000 ₫"), "<5" when
// fewer than five households have both surveys, "—" when none has.
export function incomeText(income) {
  if (!income) return '—';
  if (income.suppressed) return SUPPRESSED;
  if (int(income.households) === 0) return '—';
  return t('console.outcomes.income_change', {
    before: format.money(income.before ? income.before.median_vnd || '0' : '0'),
    after: format.money(income.after ? income.after.median_vnd || '0' : '0'),
  });
}

// The median months to escape, or why there is none: the curve never
// reached half, or too few households to draw it.
export function medianText(group) {
  if (!group) return '';
  if (group.median_months_to_escape !== undefined && group.median_months_to_escape !== null) {
    return t('console.outcomes.months', { months: format.decimal(Number(group.median_months_to_escape).toFixed(1)) });
  }
  if (!(group.escape_curve || []).length) return group.supported && group.supported.suppressed ? SUPPRESSED : '—';
  return t('console.outcomes.median_not_reached');
}

// The steps of a group's curve for ui.stepChart: months, the share escaped
// and its interval (percent), and the households at risk in words.
export function curveSteps(group) {
  return (group.escape_curve || []).map((step) => {
    const lower = step.lower_percent;
    const upper = step.upper_percent;
    const hasInterval = Number(upper || 0) > 0 || Number(lower || 0) > 0;
    return {
      x: Number(step.months || 0),
      y: Number(step.escaped_percent || 0),
      lower: hasInterval ? Number(lower || 0) : null,
      upper: hasInterval ? Number(upper || 0) : null,
      detail: t('console.outcomes.curve_detail', {
        at_risk: String(step.at_risk || 0),
        escaped: String(step.escaped || 0),
        lower: format.percent(lower || 0),
        upper: format.percent(upper || 0),
      }),
    };
  });
}

// The groups drawn by default: the first `count` with a curve, in the
// service's order (highest share escaped within 24 months first).
export function defaultCurveKeys(groups, count = 3) {
  return groups.filter((g) => (g.escape_curve || []).length).slice(0, count).map((g) => g.key);
}

// The explanations of a group in the order of the table's columns, each
// with the catalog's name of its figure.
const FIGURE_ORDER = ['supported', 'on_list_at_entry', 'escaped_12_months', 'escaped_24_months', 'escaped_36_months', 'relapsed', 'income', 'escape_curve'];

export function orderedExplanations(group) {
  const rank = (figure) => {
    const i = FIGURE_ORDER.indexOf(figure);
    return i < 0 ? FIGURE_ORDER.length : i;
  };
  return [...(group.explanations || [])].sort((a, b) => rank(a.figure) - rank(b.figure));
}

// Whether any figure of the groups is suppressed: then the page shows the
// legend saying why.
export function anySuppressed(groups) {
  const proportions = (g) => [g.supported, g.on_list_at_entry, g.escaped_12_months, g.escaped_24_months, g.escaped_36_months, g.relapsed];
  return groups.some((g) => proportions(g).some((p) => p && p.suppressed) || (g.income && g.income.suppressed));
}
