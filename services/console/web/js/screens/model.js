// A livelihood model (#/mo-hinh-sinh-ke/<model_id>): what it is, the
// households that joined it, the form that changes it (ward officers, and
// staff of the organization that runs it), and households joined in bulk
// from the caseload: ticked in a list filtered by name and residential
// group, one JoinLivelihoodModel for all of them, then each household's
// outcome (done, already taking part, or refused with the service's reason).

import { call } from '../api.js';
import { t } from '../i18n.js';
import * as format from '../format.js';
import { h, clear, table, facts, notice, pageError, loading, pageHeader, section } from '../ui.js';
import {
  echoDates, fold, householdLabel, householdsFor, isStaff, isWardOfficer, listAll, organizationName, readable,
  routeTail, takeNoticeForPage,
} from '../work.js';
import { modelForm } from '../model-form.js';
import { modelGroups, modelPeriod } from './models.js';
import { offerableCases, participationState } from '../case-operations.js';
import { bulkResults, caseRows } from '../bulk-view.js';

// The group filter's choice "the model's own residential groups".
const MODEL_GROUPS = '*model*';

// Every case the account may see (staff: their organization's and those
// offered to it; a ward officer: the whole ward's).
export async function visibleCases() {
  return listAll('Assignment', 'ListCases', {}, 'cases');
}

// `done`: the outcome of the join just made, shown above the list that
// follows it (the page is drawn again so that every list is current).
export async function render(root, ctx, done = null) {
  const account = ctx.account;
  const modelId = routeTail(ctx);
  const back = h('a', { class: 'back-link', href: '#/mo-hinh-sinh-ke' }, t('console.models.back'));
  clear(root).append(back, pageHeader(t('console.models.title')), loading());

  let organizations;
  let summary;
  let cases;
  try {
    const [orgs, listed] = await Promise.all([
      call('Assignment', 'ListOrganizations', { include_inactive: true }),
      call('Assignment', 'ListLivelihoodModels', { include_ended: true }),
    ]);
    organizations = orgs.organizations || [];
    summary = (listed.models || []).find((s) => s.model.model_id === modelId);
    cases = await visibleCases();
  } catch (err) {
    clear(root).append(back, pageHeader(t('console.models.title')), pageError(err));
    return;
  }
  if (!summary) {
    clear(root).append(back, pageHeader(t('console.models.title')), pageError({ message: t('console.models.not_found', { id: modelId }) }));
    return;
  }
  const model = summary.model;
  const mayEdit = isWardOfficer(account) || (isStaff(account) && account.organization_id === model.organization_id);
  const mayJoin = isWardOfficer(account) || isStaff(account);
  const households = await householdsFor(cases.map((c) => ({ household_id: c.household_id, residential_group: c.residential_group })));

  const header = pageHeader(model.name);
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const carried = takeNoticeForPage();
  if (carried) messages.append(notice(carried));
  const editSlot = h('div', { class: 'case-form-slot' });
  if (mayEdit) {
    header.querySelector('.actions').append(
      h(
        'button',
        {
          type: 'button',
          'data-test': 'edit-model',
          onclick: () => {
            clear(editSlot).append(
              section(
                t('console.models.edit'),
                modelForm({
                  account,
                  organizations,
                  existing: model,
                  onCancel: () => clear(editSlot),
                  onSaved: () => {
                    clear(messages).append(notice(t('console.models.saved', { name: model.name })));
                    ctx.refresh();
                  },
                }),
              ),
            );
            editSlot.querySelector('#model-name').focus();
          },
        },
        t('console.models.edit'),
      ),
    );
  }

  const about = section(
    t('console.models.about'),
    facts([
      [t('console.models.col.kind'), readable('livelihood_kind', model.kind, 'LIVELIHOOD_MODEL_KIND_')],
      [t('console.models.col.organization'), organizationName(organizations, model.organization_id)],
      [t('console.models.col.period'), modelPeriod(model)],
      [t('console.models.col.resources'), Number(model.resources_vnd || 0) ? format.money(model.resources_vnd) : ''],
      [t('console.models.form.resources_words'), model.resources_description],
      [t('console.models.col.groups'), modelGroups(model)],
      [t('console.models.form.description'), model.description],
      [t('console.models.col.joined'), format.number(summary.households_joined || 0)],
      [t('console.models.col.taking_part'), format.number(summary.households_taking_part || 0)],
    ]),
    h('p', {}, h('a', { href: `#/ket-qua?by=model`, 'data-test': 'model-outcomes' }, t('console.models.see_outcomes'))),
  );

  // Who joined, from their cases.
  const joined = cases
    .flatMap((c) => (c.participations || []).filter((p) => p.model_id === model.model_id).map((p) => ({ c, p })))
    .sort((a, b) => String(b.p.joined_on).localeCompare(String(a.p.joined_on)));
  const participants = section(
    t('console.models.participants', { count: String(joined.length) }),
    table({
      exportName: `mo-hinh-${model.model_id}-ho-tham-gia`,
      rows: joined,
      rowAttrs: ({ c }) => ({ 'data-household-id': c.household_id }),
      empty: t('console.models.no_participants'),
      columns: [
        {
          header: t('console.bulk.col.household'),
          value: ({ c }) => householdLabel(households.get(c.household_id), c.household_id),
          cell: ({ c }) => h('a', { href: `#/ho-so/${encodeURIComponent(c.case_id)}` }, householdLabel(households.get(c.household_id), c.household_id)),
        },
        { header: t('console.bulk.col.group'), value: ({ c }) => c.residential_group },
        { header: t('console.models.col.joined_on'), value: ({ p }) => format.date(p.joined_on) },
        { header: t('console.models.col.left_on'), value: ({ p }) => (p.left_on ? format.date(p.left_on) : t('console.models.still_taking_part')) },
        { header: t('console.models.col.note'), value: ({ p }) => p.note || '' },
      ],
    }),
  );

  const joinSection = mayJoin ? joinForm() : null;

  function joinForm() {
    const offered = offerableCases(cases, account).filter((c) => participationState(c, model.model_id) !== 'taking_part');
    const rows = caseRows(offered, households, organizations);
    // The model's own groups first: a household elsewhere is refused.
    const modelGroupSet = new Set(model.residential_groups || []);
    const state = { search: '', group: modelGroupSet.size ? MODEL_GROUPS : '' };
    const listSlot = h('div', {});
    const resultsSlot = h('div', { 'aria-live': 'polite' }, done ? bulkResults(done, households, 'console.models.join_result') : null);
    const selectedCount = h('span', { class: 'selected-count', 'aria-live': 'polite' });
    let listTable = null;
    const groups = [...new Set(rows.map((r) => r.group).filter(Boolean))].sort();
    const draw = () => {
      const words = fold(state.search).split(/\s+/).filter(Boolean);
      const inGroup = (r) => !state.group || (state.group === MODEL_GROUPS ? modelGroupSet.has(r.group) : r.group === state.group);
      const shown = rows.filter((r) => inGroup(r) && words.every((w) => fold(`${r.head} ${r.code} ${r.address}`).includes(w)));
      listTable = table({
        exportName: `mo-hinh-${model.model_id}-chon-ho`,
        rows: shown,
        pageSize: 50,
        rowAttrs: (r) => ({ 'data-household-id': r.household_id, 'data-case-id': r.case_id }),
        selectable: { test: 'select-household', label: (r) => t('console.bulk.select', { household: r.head || r.household_id }), onChange: (sel) => (selectedCount.textContent = t('console.bulk.selected', { count: sel.length })) },
        empty: t('console.models.none_to_join'),
        columns: [
          { header: t('console.bulk.col.household'), value: (r) => r.label },
          { header: t('console.bulk.col.address'), value: (r) => r.address },
          { header: t('console.bulk.col.group'), value: (r) => r.group },
          { header: t('console.bulk.col.category'), value: (r) => r.category },
          { header: t('console.bulk.col.organization'), value: (r) => r.organization },
          { header: t('console.bulk.col.state'), value: (r) => (participationState(r.aCase, model.model_id) === 'left' ? t('console.models.left_before') : '') },
        ],
      });
      selectedCount.textContent = t('console.bulk.selected', { count: 0 });
      clear(listSlot).append(listTable);
    };
    const search = h('input', { id: 'join-search', type: 'search', placeholder: t('console.bulk.search_placeholder'), oninput: (e) => { state.search = e.target.value; draw(); } });
    const groupSelect = h(
      'select',
      { id: 'join-group', onchange: (e) => { state.group = e.target.value; draw(); } },
      modelGroupSet.size ? h('option', { value: MODEL_GROUPS, selected: state.group === MODEL_GROUPS }, t('console.models.its_groups', { groups: modelGroups(model) })) : null,
      h('option', { value: '', selected: state.group === '' }, t('console.bulk.all_groups')),
      groups.map((g) => h('option', { value: g, selected: g === state.group }, g)),
    );
    const today = format.wardToday();
    const joinedOn = h('input', { id: 'join-date', type: 'date', value: today, max: today, min: model.started_on || null });
    const note = h('input', { id: 'join-note', type: 'text' });
    const reason = h('input', { id: 'join-reason', type: 'text', value: t('console.models.join_reason') });
    const error = h('div', { class: 'form-error', role: 'alert', 'data-test': 'form-error', hidden: true });
    const button = h('button', { type: 'button', class: 'primary', 'data-test': 'bulk-join' }, t('console.models.join'));
    button.addEventListener('click', async () => {
      error.hidden = true;
      const chosen = listTable ? listTable.selectedRows() : [];
      const problems = [];
      if (!chosen.length) problems.push(t('console.bulk.none_selected'));
      if (!reason.value.trim()) problems.push(t('console.bulk.no_reason'));
      if (problems.length) {
        error.textContent = problems.join(' ');
        error.hidden = false;
        return;
      }
      button.disabled = true;
      try {
        const answer = await call('Assignment', 'JoinLivelihoodModel', {
          model_id: model.model_id,
          household_ids: chosen.map((r) => r.household_id),
          joined_on: joinedOn.value,
          note: note.value.trim(),
          reason: reason.value.trim(),
        });
        await render(root, ctx, answer.outcomes);
        const shown = root.querySelector('[data-test=bulk-results]');
        if (shown) shown.scrollIntoView({ block: 'start' });
        return;
      } catch (err) {
        const details = (err.violations || []).map((v) => v.description);
        error.textContent = [err.message, ...details].filter(Boolean).join(' — ');
        error.hidden = false;
      } finally {
        button.disabled = false;
      }
    });
    draw();
    const fields = h(
      'div',
      { class: 'bulk-bar', role: 'group', 'aria-label': t('console.models.join_title') },
      h('h3', { class: 'bulk-title' }, t('console.models.join_how')),
      error,
      selectedCount,
      h('div', { class: 'field' }, h('label', { for: 'join-date' }, t('console.models.join_date')), joinedOn),
      h('div', { class: 'field' }, h('label', { for: 'join-note' }, t('console.models.join_note')), note),
      h('div', { class: 'field' }, h('label', { for: 'join-reason' }, t('console.bulk.reason')), reason),
      button,
    );
    echoDates(fields);
    return section(
      t('console.models.join_title'),
      h('p', { class: 'hint' }, t('console.models.join_hint')),
      resultsSlot,
      h(
        'div',
        { class: 'filter-fields' },
        h('div', { class: 'field' }, h('label', { for: 'join-search' }, t('console.bulk.search')), search),
        h('div', { class: 'field' }, h('label', { for: 'join-group' }, t('console.bulk.group')), groupSelect),
      ),
      listSlot,
      fields,
    );
  }

  clear(root).append(back, header, messages, editSlot, about, joinSection, participants);
}
