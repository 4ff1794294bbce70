// Hồ sơ hỗ trợ (#/ho-so): an organization's caseload. Each case shows the
// household behind it (head's name, address, residential group), ready
// filters answer the questions staff ask every week (who has no helper, who
// was not visited, whose follow-up ends, which transfers wait for us), and a
// helper can be assigned to several cases at once: one AssignHelper per
// case, each success and each refusal reported.

import { call } from '../api.js';
import { t, enumWord } from '../i18n.js';
import * as format from '../format.js';
import { h, clear, table, notice, pageError, loading, pageHeader } from '../ui.js';
import {
  listAll, householdsFor, headName, isWardOfficer, isStaff, organizationName, helperName, daysBetween,
  fold, remembered, remember, refusalText, takeNoticeForPage,
} from '../work.js';
import { QUICK_FILTERS, lastVisit, matchesQuick, matchesState } from '../caseload.js';

// The organization whose caseload is shown: staff see their own; a ward
// officer chooses (remembered for the tab).
function chosenOrganization(account, organizations) {
  if (isStaff(account)) return account.organization_id;
  const kept = remembered('cases.organization');
  if (kept && organizations.some((o) => o.id === kept)) return kept;
  const active = organizations.find((o) => o.active);
  return active ? active.id : organizations[0] ? organizations[0].id : '';
}

async function loadCaseload(account, organizationId, wantIncoming) {
  const staff = isStaff(account);
  // Staff listing without an organization get their own cases and those
  // offered to them (docs/assignment.md); a ward officer names one.
  const request = staff ? {} : { organization_id: organizationId };
  const [listed, overdue, helpers, workload] = await Promise.all([
    listAll('Assignment', 'ListCases', request, 'cases'),
    listAll('Assignment', 'ListCases', { ...request, overdue_for_visit: true }, 'cases'),
    call('Assignment', 'ListHelpers', { organization_id: organizationId, include_inactive: true }),
    call('Assignment', 'GetWorkload', { organization_id: organizationId }),
  ]);
  let incoming = listed.filter((c) => c.organization_id !== organizationId);
  const own = listed.filter((c) => c.organization_id === organizationId);
  if (!staff && wantIncoming) {
    const open = await listAll('Assignment', 'ListCases', { state: 'CASE_STATE_OPEN' }, 'cases');
    const following = await listAll('Assignment', 'ListCases', { state: 'CASE_STATE_FOLLOW_UP' }, 'cases');
    incoming = [...open, ...following].filter(
      (c) => c.pending_transfer && c.pending_transfer.to_organization_id === organizationId,
    );
  }
  incoming = incoming.filter((c) => c.pending_transfer && c.pending_transfer.to_organization_id === organizationId);
  return {
    own,
    incoming,
    overdueIds: new Set(overdue.map((c) => c.case_id)),
    helpers: helpers.helpers || [],
    workload,
    incomingLoaded: staff || wantIncoming,
  };
}

// One row of the list: the case with what the screen shows about it.
function rowOf(aCase, households, helpers, overdueIds, today, organizations) {
  const household = households.get(aCase.household_id);
  const endsIn =
    aCase.state === 'CASE_STATE_FOLLOW_UP' && aCase.follow_up_until ? daysBetween(today, aCase.follow_up_until) : null;
  return {
    aCase,
    id: aCase.case_id,
    head: headName(household),
    code: household ? household.code : '',
    address: household ? household.address : '',
    group: aCase.residential_group || (household ? household.residential_group : ''),
    helper: helperName(helpers, aCase.helper_id),
    lastVisit: lastVisit(aCase),
    overdue: overdueIds.has(aCase.case_id),
    endsIn,
    transferTo: aCase.pending_transfer ? organizationName(organizations, aCase.pending_transfer.to_organization_id) : '',
    transferFrom: aCase.pending_transfer ? organizationName(organizations, aCase.pending_transfer.from_organization_id) : '',
  };
}

function remarks(row, organizationId) {
  const c = row.aCase;
  const out = [];
  if (c.pending_transfer) {
    out.push(
      c.pending_transfer.to_organization_id === organizationId
        ? t('console.cases.remark.transfer_in', { organization: row.transferFrom })
        : t('console.cases.remark.transfer_out', { organization: row.transferTo }),
    );
  }
  if (row.overdue) out.push(t('console.cases.remark.overdue'));
  if (row.endsIn !== null) out.push(t('console.cases.remark.follow_up_until', { date: c.follow_up_until }));
  return out.join(' · ');
}

export async function render(root, ctx) {
  const account = ctx.account;
  const officer = isWardOfficer(account);
  const staff = isStaff(account);
  if (!root.id) root.id = 'page-ho-so';
  clear(root).append(pageHeader(t('console.cases.title')), loading());

  let organizations;
  try {
    organizations = (await call('Assignment', 'ListOrganizations', { include_inactive: true })).organizations || [];
  } catch (err) {
    clear(root).append(pageHeader(t('console.cases.title')), pageError(err));
    return;
  }
  const organizationId = chosenOrganization(account, organizations);
  // Staff act on their organization's cases, ward officers on all; auditors read.
  const mayAct = officer || (staff && account.organization_id === organizationId);
  const today = format.wardToday();

  const state = {
    quick: QUICK_FILTERS.includes(remembered('cases.quick')) ? remembered('cases.quick') : 'all',
    caseState: remembered('cases.state', 'current'),
    group: '',
    search: '',
    data: null,
    households: new Map(),
    results: null,
  };

  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const summarySlot = h('div', { class: 'caseload-summary' });
  const filtersSlot = h('div', { class: 'caseload-filters' });
  const bulkSlot = h('div', { class: 'bulk-slot' });
  const listSlot = h('div', { class: 'caseload-list' });

  const header = pageHeader(t('console.cases.title'));
  clear(root).append(header);
  if (!staff) {
    const select = h(
      'select',
      {
        id: 'case-organization',
        onchange: (event) => {
          remember('cases.organization', event.target.value);
          ctx.refresh ? ctx.refresh() : render(root, ctx);
        },
      },
      organizations.map((o) =>
        h('option', { value: o.id, selected: o.id === organizationId }, o.active ? o.name : t('console.work.inactive_name', { name: o.name })),
      ),
    );
    root.append(
      h('div', { class: 'field organization-choice' }, h('label', { for: 'case-organization' }, t('console.cases.organization')), select),
    );
  } else {
    root.append(h('p', { class: 'lead' }, organizationName(organizations, organizationId)));
  }
  root.append(messages, summarySlot, filtersSlot, bulkSlot, listSlot);
  const carried = takeNoticeForPage();

  async function load() {
    clear(listSlot).append(loading());
    try {
      state.data = await loadCaseload(account, organizationId, state.quick === 'transfers');
      const wanted = [...state.data.own, ...state.data.incoming].map((c) => ({
        household_id: c.household_id,
        residential_group: c.residential_group,
      }));
      state.households = await householdsFor(wanted);
    } catch (err) {
      clear(listSlot).append(pageError(err));
      return false;
    }
    return true;
  }

  function allRows() {
    const { own, incoming, helpers, overdueIds } = state.data;
    return [...own, ...incoming].map((c) => rowOf(c, state.households, helpers, overdueIds, today, organizations));
  }

  function filteredRows() {
    const words = fold(state.search).split(/\s+/).filter(Boolean);
    return allRows().filter((row) => {
      if (!matchesQuick(row, state.quick, organizationId)) return false;
      // Transfers waiting for an answer are shown whatever the state filter.
      if (state.quick !== 'transfers' && !matchesState(row, state.caseState)) return false;
      if (state.group && row.group !== state.group) return false;
      if (words.length) {
        const haystack = fold(`${row.head} ${row.code} ${row.address} ${row.id} ${row.helper}`);
        if (!words.every((w) => haystack.includes(w))) return false;
      }
      return true;
    });
  }

  function drawSummary() {
    const orgLoad = (state.data.workload.organizations || []).find((o) => o.organization_id === organizationId);
    clear(summarySlot);
    if (!orgLoad) return;
    summarySlot.append(
      h(
        'ul',
        { class: 'summary-figures' },
        h('li', {}, t('console.cases.summary.open', { open: orgLoad.open_cases, capacity: orgLoad.capacity })),
        h('li', {}, t('console.cases.summary.follow_up', { count: orgLoad.follow_up_cases })),
        h('li', {}, t('console.cases.summary.without_helper', { count: orgLoad.cases_without_helper })),
        h('li', {}, t('console.cases.summary.overdue', { count: orgLoad.cases_overdue_for_visit })),
      ),
    );
  }

  function drawFilters() {
    const rows = allRows();
    const groups = [...new Set(rows.map((r) => r.group).filter(Boolean))].sort();
    const counts = {};
    for (const quick of QUICK_FILTERS) {
      counts[quick] = rows.filter((r) => matchesQuick(r, quick, organizationId) && (quick === 'transfers' || matchesState(r, state.caseState))).length;
    }
    const quickBar = h(
      'div',
      { class: 'quick-filters', role: 'group', 'aria-label': t('console.cases.filters.label') },
      QUICK_FILTERS.map((quick) =>
        h(
          'button',
          {
            type: 'button',
            class: quick === state.quick ? 'chip active' : 'chip',
            'aria-pressed': quick === state.quick ? 'true' : 'false',
            'data-test': `filter-${quick}`,
            onclick: async () => {
              const needsLoad = quick === 'transfers' && !state.data.incomingLoaded;
              state.quick = quick;
              remember('cases.quick', quick);
              if (needsLoad && !(await load())) return;
              drawAll();
            },
          },
          t(`console.cases.filter.${quick.replace(/-/g, '_')}`),
          quick === 'transfers' && !state.data.incomingLoaded ? null : h('span', { class: 'chip-count' }, ` ${counts[quick]}`),
        ),
      ),
    );
    const stateSelect = h(
      'select',
      {
        id: 'case-state',
        onchange: (event) => {
          state.caseState = event.target.value;
          remember('cases.state', state.caseState);
          drawAll();
        },
      },
      ['current', 'CASE_STATE_OPEN', 'CASE_STATE_FOLLOW_UP', 'CASE_STATE_CLOSED', 'all'].map((value) =>
        h(
          'option',
          { value, selected: value === state.caseState },
          value === 'current' ? t('console.cases.state.current') : value === 'all' ? t('console.cases.state.all') : enumWord('case_state_words', value, 'CASE_STATE_'),
        ),
      ),
    );
    const groupSelect = h(
      'select',
      {
        id: 'case-group',
        onchange: (event) => {
          state.group = event.target.value;
          drawList();
        },
      },
      h('option', { value: '' }, t('console.cases.group.all')),
      groups.map((g) => h('option', { value: g, selected: g === state.group }, g)),
    );
    const search = h('input', {
      id: 'case-search',
      type: 'search',
      value: state.search,
      placeholder: t('console.cases.search.placeholder'),
      oninput: (event) => {
        state.search = event.target.value;
        drawList();
      },
    });
    clear(filtersSlot).append(
      quickBar,
      h(
        'div',
        { class: 'filter-fields' },
        h('div', { class: 'field' }, h('label', { for: 'case-state' }, t('console.cases.state.label')), stateSelect),
        h('div', { class: 'field' }, h('label', { for: 'case-group' }, t('console.cases.group.label')), groupSelect),
        h('div', { class: 'field' }, h('label', { for: 'case-search' }, t('console.cases.search.label')), search),
      ),
    );
  }

  let listTable = null;
  const selectedCount = h('span', { class: 'selected-count', 'aria-live': 'polite' });

  function drawBulk() {
    clear(bulkSlot);
    if (!mayAct) return;
    const loads = new Map((state.data.workload.helpers || []).map((w) => [w.helper_id, w]));
    // Only active helpers of the organization who can still take a case.
    const offered = state.data.helpers.filter((helper) => {
      if (!helper.active || helper.organization_id !== organizationId) return false;
      const load = loads.get(helper.id);
      const open = load ? load.open_cases : 0;
      return open < helper.max_caseload;
    });
    const helperSelect = h(
      'select',
      { id: 'bulk-helper' },
      h('option', { value: '' }, t('console.cases.bulk.choose_helper')),
      offered.map((helper) => {
        const load = loads.get(helper.id);
        const open = load ? load.open_cases : 0;
        return h(
          'option',
          { value: helper.id },
          t('console.cases.bulk.helper_option', {
            name: format.personName(helper.full_name),
            open,
            max: helper.max_caseload,
            free: helper.max_caseload - open,
          }),
        );
      }),
    );
    const reason = h('input', { id: 'bulk-reason', type: 'text', value: t('console.cases.bulk.default_reason') });
    const error = h('div', { class: 'form-error', role: 'alert', 'data-test': 'form-error', hidden: true });
    const button = h(
      'button',
      { type: 'button', class: 'primary', 'data-test': 'bulk-assign', onclick: () => assignSelected(helperSelect, reason, error, button) },
      t('console.cases.bulk.assign'),
    );
    bulkSlot.append(
      h(
        'div',
        { class: 'bulk-bar', role: 'group', 'aria-label': t('console.cases.bulk.label') },
        h('h2', { class: 'bulk-title' }, t('console.cases.bulk.label')),
        error,
        selectedCount,
        h('div', { class: 'field' }, h('label', { for: 'bulk-helper' }, t('console.cases.bulk.helper')), helperSelect),
        h('div', { class: 'field' }, h('label', { for: 'bulk-reason' }, t('console.cases.bulk.reason')), reason),
        offered.length === 0 ? h('p', { class: 'hint' }, t('console.cases.bulk.no_helper_free')) : null,
        button,
      ),
    );
    updateSelectedCount([]);
  }

  function updateSelectedCount(rows) {
    selectedCount.textContent = t('console.cases.bulk.selected', { count: rows.length });
  }

  async function assignSelected(helperSelect, reasonInput, error, button) {
    error.hidden = true;
    const rows = listTable ? listTable.selectedRows() : [];
    const helperId = helperSelect.value;
    const problems = [];
    if (!rows.length) problems.push(t('console.cases.bulk.none_selected'));
    if (!helperId) problems.push(t('console.cases.bulk.no_helper_chosen'));
    if (!reasonInput.value.trim()) problems.push(t('console.cases.bulk.no_reason'));
    if (problems.length) {
      error.textContent = problems.join(' ');
      error.hidden = false;
      return;
    }
    button.disabled = true;
    const results = [];
    // One call per case, in order, so that the helper's capacity is checked
    // case by case exactly as the service counts it.
    for (const row of rows) {
      try {
        await call('Assignment', 'AssignHelper', { case_id: row.id, helper_id: helperId, reason: reasonInput.value.trim() });
        results.push({ row, ok: true });
      } catch (err) {
        results.push({ row, ok: false, message: refusalText(err) });
      }
    }
    button.disabled = false;
    state.results = { helper: helperName(state.data.helpers, helperId), results };
    if (await load()) drawAll();
    // The report is at the top; on a phone the button was at the bottom.
    messages.scrollIntoView({ block: 'start' });
  }

  function drawResults() {
    clear(messages);
    if (carried) messages.append(notice(carried));
    if (!state.results) return;
    const { helper, results } = state.results;
    const done = results.filter((r) => r.ok).length;
    const refused = results.length - done;
    if (done) messages.append(notice(t('console.cases.bulk.done', { done, total: results.length, helper })));
    if (refused) {
      messages.append(
        h('div', { class: 'page-error', role: 'alert', 'data-test': 'page-error' }, t('console.cases.bulk.refused', { refused, total: results.length })),
      );
    }
    messages.append(
      h(
        'ul',
        { class: 'bulk-results', 'data-test': 'bulk-results' },
        results.map(({ row, ok, message }) =>
          h(
            'li',
            { class: ok ? 'ok' : 'refused', 'data-test': ok ? 'bulk-ok' : 'bulk-refused', 'data-case-id': row.id },
            h('strong', {}, ok ? t('console.cases.bulk.result_ok') : t('console.cases.bulk.result_refused')),
            ' ',
            row.head || row.id,
            row.code ? ` (${row.code})` : '',
            ok ? '' : `: ${message}`,
          ),
        ),
      ),
    );
  }

  function drawList() {
    const rows = filteredRows();
    const columns = [
      {
        header: t('console.cases.column.household'),
        value: (r) => (r.code ? `${r.head || r.aCase.household_id} (${r.code})` : r.head || r.aCase.household_id),
        cell: (r) =>
          h(
            'span',
            {},
            h('a', { href: `#/ho-so/${encodeURIComponent(r.id)}`, 'data-test': 'open-case' }, r.head || r.aCase.household_id),
            r.code ? h('span', { class: 'muted' }, ` ${r.code}`) : null,
          ),
      },
      { header: t('console.cases.column.address'), value: (r) => r.address },
      { header: t('console.cases.column.group'), value: (r) => r.group },
      { header: t('console.cases.column.category'), value: (r) => enumWord('category', r.aCase.category, 'POVERTY_CATEGORY_') },
      { header: t('console.cases.column.state'), value: (r) => enumWord('case_state_words', r.aCase.state, 'CASE_STATE_') },
      { header: t('console.cases.column.helper'), value: (r) => r.helper || t('console.cases.no_helper') },
      { header: t('console.cases.column.last_visit'), value: (r) => (r.lastVisit ? format.date(r.lastVisit) : t('console.cases.never_visited')), class: 'nowrap' },
      { header: t('console.cases.column.remarks'), value: (r) => remarks(r, organizationId) },
    ];
    listTable = table({
      columns,
      rows,
      rowAttrs: (r) => ({ 'data-case-id': r.id, 'data-household-id': r.aCase.household_id }),
      selectable: mayAct
        ? { test: 'select-case', label: (r) => t('console.cases.select', { household: r.head || r.id }), onChange: updateSelectedCount }
        : false,
      exportName: `ho-so-${organizationId}-${today}`,
      empty: t('console.cases.empty'),
      pageSize: 50,
    });
    clear(listSlot).append(listTable);
    updateSelectedCount([]);
  }

  function drawAll() {
    drawResults();
    drawSummary();
    drawFilters();
    drawBulk();
    drawList();
  }

  if (await load()) drawAll();
}
