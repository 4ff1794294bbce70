// What the bulk case operations of Mô hình sinh kế and Thiên tai, dịch bệnh
// show: the cases to tick (each by its household's head, code and address)
// and, after the call, each household's outcome as the bulk helper
// assignment lists them (done, already so, or refused with the reason).

import { t } from './i18n.js';
import { h } from './ui.js';
import { categoryWord } from './data.js';
import { headName, householdLabel, organizationName } from './work.js';
import { outcomeCounts, outcomeRows } from './case-operations.js';

// Cases as rows of a tickable list.
export function caseRows(cases, households, organizations) {
  return cases.map((aCase) => {
    const household = households.get(aCase.household_id);
    return {
      aCase,
      case_id: aCase.case_id,
      household_id: aCase.household_id,
      head: headName(household),
      code: household ? household.code : '',
      address: household ? household.address : '',
      group: aCase.residential_group || (household ? household.residential_group : ''),
      category: categoryWord(aCase.category),
      organization: organizationName(organizations, aCase.organization_id),
      label: householdLabel(household, aCase.household_id),
    };
  });
}

// The outcome of each household (CaseOperationOutcome JSON), under a line
// counting them; `summaryKey` words that line ({done}, {already},
// {refused}, {total}).
export function bulkResults(outcomes, households, summaryKey) {
  const rows = outcomeRows(outcomes);
  const counts = outcomeCounts(rows);
  const word = { done: t('console.bulk.done'), already: t('console.bulk.already'), refused: t('console.bulk.refused') };
  return h(
    'div',
    { class: 'bulk-outcome', 'data-test': 'bulk-results' },
    h(
      'div',
      { class: counts.refused ? 'notice with-problems' : 'notice', role: 'status', 'data-test': 'notice' },
      t(summaryKey, { done: String(counts.done), already: String(counts.already), refused: String(counts.refused), total: String(rows.length) }),
    ),
    h(
      'ul',
      { class: 'bulk-results' },
      rows.map((row) =>
        h(
          'li',
          { class: row.kind === 'refused' ? 'refused' : 'ok', 'data-test': `bulk-${row.kind}`, 'data-household-id': row.household_id },
          h('strong', {}, word[row.kind]),
          ' ',
          householdLabel(households.get(row.household_id), row.household_id),
          row.reason ? `: ${row.reason}` : '',
        ),
      ),
    ),
  );
}
