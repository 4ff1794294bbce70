// Hộ gia đình: find households by a member's name typed with or without
// diacritics (Registry.SearchHouseholds), or list them
// (Registry.ListHouseholds); filter by residential group, official category
// (Classification.ListHouseholdStatuses), with or without a case and with or
// without a helper (Assignment.ListCases). The filters live in the address
// (#/ho-gia-dinh?q=...&group=...), so Back returns to the same list.

import { t } from '../i18n.js';
import { categoryWord, directory, fetchAll, headName, settle, shortEnum } from '../data.js';
import { personName } from '../format.js';
import { h, pageError, pageHeader, table } from '../ui.js';

const FILTERS = ['q', 'group', 'category', 'case', 'helper'];
const CATEGORIES = ['POOR', 'NEAR_POOR', 'AVERAGE', 'NOT_POOR'];

function select(id, label, value, options) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name: id }, options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label))),
  );
}

function filterForm(params, groups, ctx) {
  const search = h('input', {
    id: 'household-search',
    name: 'q',
    type: 'search',
    value: params.q || '',
    autocomplete: 'off',
    'aria-describedby': 'household-search-hint',
  });
  const groupSelect = select('filter-group', t('console.households.filter.group'), params.group || '', [
    { value: '', label: t('console.households.filter.all_groups') },
    ...groups.map((g) => ({ value: g, label: g })),
  ]);
  const categorySelect = select('filter-category', t('console.households.filter.category'), params.category || '', [
    { value: '', label: t('console.households.filter.any') },
    ...CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) })),
    { value: 'NONE', label: t('console.households.filter.no_category') },
  ]);
  const caseSelect = select('filter-case', t('console.households.filter.case'), params.case || '', [
    { value: '', label: t('console.households.filter.any') },
    { value: 'with', label: t('console.households.filter.with_case') },
    { value: 'without', label: t('console.households.filter.without_case') },
  ]);
  const helperSelect = select('filter-helper', t('console.households.filter.helper'), params.helper || '', [
    { value: '', label: t('console.households.filter.any') },
    { value: 'with', label: t('console.households.filter.with_helper') },
    { value: 'without', label: t('console.households.filter.without_helper') },
  ]);
  const form = h(
    'form',
    { class: 'household-filters', role: 'search', 'aria-label': t('console.households.search_label') },
    h(
      'div',
      { class: 'search-row' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'household-search' }, t('console.households.search_label')),
        search,
        h('div', { class: 'hint', id: 'household-search-hint' }, t('console.households.search_hint')),
      ),
      h('button', { type: 'submit', class: 'primary', 'data-test': 'search' }, t('console.action.search')),
    ),
    h('div', { class: 'filters' }, groupSelect, categorySelect, caseSelect, helperSelect),
  );
  const apply = () => {
    const next = new URLSearchParams();
    const values = {
      q: search.value.trim(),
      group: form.querySelector('#filter-group').value,
      category: form.querySelector('#filter-category').value,
      case: form.querySelector('#filter-case').value,
      helper: form.querySelector('#filter-helper').value,
    };
    for (const key of FILTERS) if (values[key]) next.set(key, values[key]);
    const query = next.toString();
    ctx.navigate(`#/ho-gia-dinh${query ? `?${query}` : ''}`);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  // A filter applies as soon as it is chosen; the name waits for "Tìm".
  for (const el of form.querySelectorAll('select')) el.addEventListener('change', apply);
  return form;
}

// The case that describes the household now: an open or follow-up case
// before a closed one, the latest first.
function currentCases(cases) {
  const byHousehold = new Map();
  const rank = (c) => (/CLOSED$/.test(c.state) ? 0 : 1);
  for (const c of cases) {
    const known = byHousehold.get(c.household_id);
    if (!known || rank(c) > rank(known) || (rank(c) === rank(known) && c.case_number > known.case_number)) {
      byHousehold.set(c.household_id, c);
    }
  }
  return byHousehold;
}

function caseWords(kase, names) {
  if (!kase) return t('console.households.no_case');
  const state = t(`case_state.${shortEnum(kase.state, 'CASE_STATE_')}`);
  const helper = kase.helper_id ? t('console.households.helper_named', { helper: names.helper(kase.helper_id) }) : t('console.households.no_helper');
  return `${state}; ${names.organization(kase.organization_id) || t('console.common.none')}; ${helper}`;
}

// The members whose names matched the search, as recorded.
function matchedNames(household) {
  const ids = new Set(household.matched || []);
  return (household.members || [])
    .filter((m) => ids.has(m.member_id) && m.full_name)
    .map((m) => personName(m.full_name))
    .join(', ');
}

export async function render(root, ctx) {
  const params = ctx.params;
  root.appendChild(pageHeader(t('console.households.title')));
  const loading = h('p', { class: 'loading', role: 'status' }, t('console.loading'));
  root.appendChild(loading);

  const group = params.group || '';
  const households = params.q
    ? settle(fetchAll('Registry', 'SearchHouseholds', { query: params.q, residential_group: group }, 'hits').then((hits) => hits.map((hit) => ({ ...hit.household, matched: hit.matched_member_ids || [] }))))
    : settle(fetchAll('Registry', 'ListHouseholds', { residential_group: group }, 'households'));
  const [found, statuses, cases, names] = await Promise.all([
    households,
    settle(fetchAll('Classification', 'ListHouseholdStatuses', { residential_group: group }, 'households')),
    settle(fetchAll('Assignment', 'ListCases', { residential_group: group }, 'cases')),
    directory(),
  ]);
  loading.remove();

  const groupsKnown = new Set();
  if (statuses.value) for (const s of statuses.value) if (s.residential_group) groupsKnown.add(s.residential_group);
  if (found.value) for (const x of found.value) if (x.residential_group) groupsKnown.add(x.residential_group);
  if (group) groupsKnown.add(group);
  root.appendChild(filterForm(params, [...groupsKnown].sort(), ctx));

  if (found.error) {
    root.appendChild(pageError(found.error));
    return;
  }
  for (const partial of [statuses, cases]) {
    if (partial.error) root.appendChild(h('p', { class: 'warning', role: 'status' }, t('console.households.partial', { reason: partial.error.message })));
  }
  const categoryOf = new Map((statuses.value || []).map((s) => [s.household_id, shortEnum(s.category, 'POVERTY_CATEGORY_')]));
  const caseOf = currentCases(cases.value || []);

  const rows = found.value.filter((household) => {
    const category = categoryOf.get(household.household_id) || '';
    const kase = caseOf.get(household.household_id);
    const open = kase && !/CLOSED$/.test(kase.state);
    if (params.category === 'NONE' ? category && category !== 'UNSPECIFIED' : params.category && category !== params.category) return false;
    if (params.case === 'with' && !kase) return false;
    if (params.case === 'without' && kase) return false;
    if (params.helper === 'with' && !(open && kase.helper_id)) return false;
    if (params.helper === 'without' && (!open || kase.helper_id)) return false;
    return true;
  });

  root.appendChild(
    table({
      exportName: 'ho-gia-dinh',
      caption: params.q ? t('console.households.results_for', { query: params.q }) : null,
      empty: params.q ? t('console.households.none_found', { query: params.q }) : t('console.table.empty'),
      rowAttrs: (x) => ({ 'data-household-id': x.household_id }),
      columns: [
        { header: t('console.households.col.code'), value: (x) => x.code || x.household_id, class: 'nowrap' },
        {
          header: t('console.households.col.head'),
          value: (x) => headName(x),
          cell: (x) => h('a', { href: `#/ho-gia-dinh/${encodeURIComponent(x.household_id)}`, 'data-test': 'open-household' }, headName(x) || x.code || x.household_id),
        },
        ...(params.q ? [{ header: t('console.households.col.matched'), value: matchedNames }] : []),
        { header: t('console.households.col.address'), value: (x) => x.address || '' },
        { header: t('console.households.col.group'), value: (x) => x.residential_group || '', class: 'nowrap' },
        { header: t('console.households.col.category'), value: (x) => categoryWord(categoryOf.get(x.household_id) ? `POVERTY_CATEGORY_${categoryOf.get(x.household_id)}` : '') },
        { header: t('console.households.col.case'), value: (x) => caseWords(caseOf.get(x.household_id), names) },
        { header: t('console.households.col.id'), value: (x) => x.household_id, class: 'nowrap' },
      ],
      rows,
    }),
  );
  const input = root.querySelector('#household-search');
  if (input && params.q === undefined) input.focus();
}
