// Rà soát (#/ra-soat, #/ra-soat/<round_id>): the review rounds of the ward
// (docs/domain.md §4). The list opens a round; a round's page shows its
// progress per residential group and offers the steps in their order: the
// list's decisions, each group's meeting (họp dân), posting the results
// (niêm yết), complaints (phúc tra) and the chairman's approval. A step the
// service refuses says why, in the service's words.

import { call } from '../api.js';
import { t, enumWord, text as localized } from '../i18n.js';
import * as format from '../format.js';
import { h, clear, table, form, notice, pageError, loading, pageHeader, section, facts } from '../ui.js';
import { listAll, householdsFor, householdLabel, isWardOfficer, routeTail, enumChoices, echoDates, readable } from '../work.js';

const STATE_ORDER = [
  'HOUSEHOLD_REVIEW_STATE_LISTED', 'HOUSEHOLD_REVIEW_STATE_LIST_DECIDED', 'HOUSEHOLD_REVIEW_STATE_PROPOSED',
  'HOUSEHOLD_REVIEW_STATE_UNCLASSIFIABLE', 'HOUSEHOLD_REVIEW_STATE_SENT_BACK', 'HOUSEHOLD_REVIEW_STATE_MEETING_AGREED',
  'HOUSEHOLD_REVIEW_STATE_POSTED', 'HOUSEHOLD_REVIEW_STATE_COMPLAINED', 'HOUSEHOLD_REVIEW_STATE_APPROVED',
  'HOUSEHOLD_REVIEW_STATE_EXCLUDED',
];

const stateWord = (state) => readable('review_state', state, 'HOUSEHOLD_REVIEW_STATE_');
const shortState = (state) => String(state || '').replace('HOUSEHOLD_REVIEW_STATE_', '');

export async function render(root, ctx) {
  const roundId = routeTail(ctx);
  if (roundId) return renderRound(root, ctx, roundId);
  return renderList(root, ctx);
}

// ---------------------------------------------------------------------------
// The rounds
// ---------------------------------------------------------------------------

async function renderList(root, ctx) {
  const header = pageHeader(t('console.review.title'));
  clear(root).append(header, loading());
  let rounds;
  try {
    rounds = await listAll('Classification', 'ListRounds', {}, 'rounds');
  } catch (err) {
    clear(root).append(header, pageError(err));
    return;
  }
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const formSlot = h('div', {});
  const officer = isWardOfficer(ctx.account);

  const list = table({
    columns: [
      {
        header: t('console.review.column.round'),
        value: (r) => r.round_id,
        cell: (r) => h('a', { href: `#/ra-soat/${encodeURIComponent(r.round_id)}`, 'data-test': 'round-link' }, r.round_id),
      },
      { header: t('console.review.column.kind'), value: (r) => enumWord('review_kind', r.kind, 'REVIEW_KIND_') },
      { header: t('console.review.column.year'), value: (r) => t('console.review.years', { review: r.review_year, list: r.list_year }) },
      { header: t('console.review.column.status'), value: (r) => enumWord('round_status', r.status, 'ROUND_STATUS_') },
      { header: t('console.review.column.opened'), value: (r) => format.date(r.opened_date) },
      { header: t('console.review.column.household'), value: (r) => r.household_id },
      { header: t('console.review.column.deadline'), value: (r) => format.date(r.deadline_date) },
      { header: t('console.review.column.decision'), value: (r) => (r.decision_number ? t('console.review.decision', { number: r.decision_number, date: r.decision_date }) : '') },
    ],
    rows: rounds,
    rowAttrs: (r) => ({ 'data-round-id': r.round_id }),
    exportName: 'dot-ra-soat',
    empty: t('console.review.empty'),
  });

  function openForm() {
    const thisYear = Number(format.wardToday().slice(0, 4));
    const built = form({
      fields: [
        { name: 'review_year', id: 'round-year', type: 'number', label: t('console.review.open.year'), value: String(thisYear), required: true, hint: t('console.review.open.year_hint') },
        { name: 'kind', id: 'round-kind', type: 'select', label: t('console.review.open.kind'), options: enumChoices('review_kind', ['REVIEW_KIND_PERIODIC', 'REVIEW_KIND_REGULAR'], 'REVIEW_KIND_'), required: true },
        { name: 'household_id', id: 'round-household', type: 'text', label: t('console.review.open.household'), hint: t('console.review.open.household_hint') },
        { name: 'opened_on', id: 'round-opened-on', type: 'date', label: t('console.review.open.opened_on'), value: format.wardToday(), attrs: { max: format.wardToday() } },
        { name: 'outside_window_reason', id: 'round-outside-reason', type: 'text', label: t('console.review.open.outside_reason'), hint: t('console.review.open.outside_reason_hint') },
      ],
      submitLabel: t('console.review.open.save'),
      submitTest: 'save-round',
      onCancel: () => clear(formSlot),
      onSubmit: async (v) => {
        const request = { review_year: Number(v.review_year) || 0, kind: v.kind, opened_on: v.opened_on };
        if (v.kind === 'REVIEW_KIND_REGULAR') request.household_id = await householdIdOf(v.household_id);
        if (v.outside_window_reason.trim()) request.outside_window_reason = v.outside_window_reason.trim();
        const answer = await call('Classification', 'OpenRound', request);
        ctx.navigate(`#/ra-soat/${encodeURIComponent(answer.round.round_id)}`);
      },
    });
    const kind = built.querySelector('#round-kind');
    const toggle = () => {
      built.querySelector('#round-household').closest('.field').hidden = kind.value !== 'REVIEW_KIND_REGULAR';
    };
    kind.addEventListener('change', toggle);
    toggle();
    clear(formSlot).append(section(t('console.review.open.title'), built));
    echoDates(formSlot);
    built.querySelector('#round-year').focus();
  }

  clear(root).append(
    pageHeader(
      t('console.review.title'),
      officer ? h('button', { type: 'button', class: 'primary', 'data-test': 'open-round', onclick: openForm }, t('console.review.open.button')) : null,
    ),
    h('p', { class: 'lead' }, t('console.review.lead')),
    messages,
    formSlot,
    section(t('console.review.rounds'), list),
  );
}

// A household typed by id ("HH-000123") or by its code ("T05-017").
async function householdIdOf(typed) {
  const value = String(typed || '').trim();
  if (!value || /^HH-/i.test(value)) return value.toUpperCase();
  try {
    const answer = await call('Registry', 'GetHousehold', { code: value });
    return answer.household ? answer.household.household_id : value;
  } catch (_) {
    return value;
  }
}

// ---------------------------------------------------------------------------
// One round
// ---------------------------------------------------------------------------

async function renderRound(root, ctx, roundId) {
  const back = h('a', { href: '#/ra-soat', class: 'back-link' }, t('console.review.back'));
  clear(root).append(back, pageHeader(t('console.review.round_title', { round: roundId })), loading());
  let progressAnswer;
  let members;
  try {
    [progressAnswer, members] = await Promise.all([
      call('Classification', 'GetRoundProgress', { round_id: roundId }),
      listAll('Classification', 'ListRoundHouseholds', { round_id: roundId }, 'households'),
    ]);
  } catch (err) {
    clear(root).append(back, pageHeader(t('console.review.round_title', { round: roundId })), pageError(err));
    return;
  }
  const households = await householdsFor(members);
  const round = progressAnswer.round || {};
  const progress = progressAnswer.progress || {};
  const open = round.status === 'ROUND_STATUS_OPEN';
  const mayAct = open && isWardOfficer(ctx.account);
  const label = (m) => householdLabel(households.get(m.household_id), m.household_id);

  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const formSlot = h('div', { class: 'review-form-slot' });

  async function changed(message) {
    await renderRound(root, ctx, roundId);
    const slot = root.querySelector('.messages');
    if (slot) slot.append(notice(message));
  }

  function openForm(build) {
    clear(formSlot).append(build());
    echoDates(formSlot);
    const first = formSlot.querySelector('input, select, textarea');
    if (first) first.focus();
    formSlot.scrollIntoView({ block: 'start' });
  }
  const closeForm = () => clear(formSlot);

  // ---------- progress ----------
  const roundFacts = facts([
    [t('console.review.column.kind'), enumWord('review_kind', round.kind, 'REVIEW_KIND_')],
    [t('console.review.column.year'), t('console.review.years', { review: round.review_year, list: round.list_year })],
    [t('console.review.column.status'), enumWord('round_status', round.status, 'ROUND_STATUS_')],
    [t('console.review.column.opened'), t('console.review.opened_by', { date: round.opened_date, name: round.opened_by })],
    [t('console.review.field.standard'), round.standard_id],
    [t('console.review.column.household'), round.household_id],
    [t('console.review.column.deadline'), format.date(round.deadline_date)],
    [t('console.review.field.posted'), format.date(round.last_posted_date)],
    [t('console.review.column.decision'), round.decision_number ? t('console.review.decision', { number: round.decision_number, date: round.decision_date }) : ''],
  ]);

  const counts = h(
    'ul',
    { class: 'summary-figures', 'data-test': 'round-progress' },
    [
      ['on_list', progress.on_list],
      ['listed', progress.listed],
      ['surveyed', progress.surveyed],
      ['proposed', progress.proposed],
      ['agreed', progress.agreed],
      ['sent_back', progress.sent_back],
      ['posted', progress.posted],
      ['complained', progress.complained],
      ['ready', progress.ready_for_approval],
      ['approved', progress.approved],
      ['excluded', progress.excluded],
      ['unclassifiable', progress.unclassifiable],
    ].map(([key, value]) => h('li', { 'data-count': key }, t(`console.review.count.${key}`, { count: value || 0 }))),
  );
  const warnings = [];
  if (progress.overdue) warnings.push(h('p', { class: 'warning' }, t('console.review.overdue', { date: round.deadline_date })));
  if (progress.earlier_surveys_joining) warnings.push(h('p', { class: 'warning' }, t('console.review.joining')));
  for (const problem of progress.unclassifiable_households || []) {
    const member = members.find((m) => m.household_id === problem.household_id);
    warnings.push(
      h('p', { class: 'warning' }, t('console.review.unclassifiable', {
        household: member ? label(member) : problem.household_id,
        reason: localized(problem.text, problem.message),
      })),
    );
  }

  // Per residential group: how many households stand at each step.
  const groups = new Map();
  for (const m of members) {
    const group = m.residential_group || (households.get(m.household_id) || {}).residential_group || '—';
    if (!groups.has(group)) groups.set(group, { group, total: 0 });
    const row = groups.get(group);
    row.total += 1;
    row[m.state] = (row[m.state] || 0) + 1;
  }
  const groupRows = [...groups.values()].sort((a, b) => a.group.localeCompare(b.group));
  const groupColumns = [
    { header: t('console.review.column.group'), value: (g) => g.group },
    { header: t('console.review.column.total'), value: (g) => g.total },
    // Only the steps some household of the round stands at.
    ...STATE_ORDER.filter((state) => members.some((m) => m.state === state)).map((state) => ({
      header: stateWord(state),
      value: (g) => g[state] || 0,
      class: 'number',
    })),
  ];
  if (mayAct) {
    groupColumns.push({
      header: t('console.case.column.actions'),
      noExport: true,
      value: () => '',
      cell: (g) =>
        g.HOUSEHOLD_REVIEW_STATE_PROPOSED
          ? h('button', { type: 'button', class: 'small', 'data-test': 'group-meeting', 'data-group': g.group, onclick: () => openForm(() => meetingForm(g.group)) }, t('console.review.meeting.button'))
          : '',
    });
  }
  const groupTable = table({
    columns: groupColumns,
    rows: groupRows,
    rowAttrs: (g) => ({ 'data-group': g.group }),
    exportName: `${roundId}-theo-to`,
    empty: t('console.review.households.empty'),
  });

  // ---------- households ----------
  const stateFilter = h(
    'select',
    { id: 'round-state-filter', onchange: () => drawHouseholds() },
    h('option', { value: '' }, t('console.review.state.all')),
    STATE_ORDER.map((state) => h('option', { value: state }, stateWord(state))),
  );
  const householdSlot = h('div', {});
  function drawHouseholds() {
    const chosen = stateFilter.value;
    const rows = members.filter((m) => !chosen || m.state === chosen);
    clear(householdSlot).append(
      table({
        columns: [
          {
            header: t('console.review.column.household'),
            value: (m) => label(m),
            cell: (m) => h('a', { href: `#/ho-gia-dinh/${encodeURIComponent(m.household_id)}` }, label(m)),
          },
          { header: t('console.review.column.group'), value: (m) => m.residential_group },
          { header: t('console.review.column.state'), value: (m) => stateWord(m.state) },
          { header: t('console.review.column.proposed'), value: (m) => (m.proposed && m.proposed.category ? enumWord('category', m.proposed.category, 'POVERTY_CATEGORY_') : '') },
          { header: t('console.review.column.list_reason'), value: (m) => readable('list_reason', m.list_reason, 'LIST_REASON_') },
          {
            header: t('console.review.column.meeting'),
            value: (m) => {
              const last = (m.meetings || [])[m.meetings.length - 1];
              return last ? t('console.review.meeting_result', { date: last.meeting_date, agreed: last.agreed, attendees: last.attendees }) : '';
            },
          },
          { header: t('console.review.column.window'), value: (m) => (m.complaint_window_closes ? format.date(m.complaint_window_closes) : '') },
          { header: t('console.review.column.complaints'), value: (m) => (m.complaints || []).length || '' },
          {
            header: t('console.review.column.note'),
            value: (m) =>
              [
                m.list_decision && m.list_decision.kind ? `${enumWord('list_decision_words', m.list_decision.kind, 'LIST_DECISION_KIND_')}: ${m.list_decision.reason}` : '',
                m.exclusion_reason,
                localized(m.unclassifiable_reason_text, m.unclassifiable_reason),
              ].filter(Boolean).join(' · '),
          },
          {
            header: t('console.case.column.actions'),
            noExport: true,
            value: () => '',
            cell: (m) => {
              if (!mayAct) return '';
              const buttons = [];
              if (m.state === 'HOUSEHOLD_REVIEW_STATE_LISTED' || m.state === 'HOUSEHOLD_REVIEW_STATE_LIST_DECIDED') {
                buttons.push(h('button', { type: 'button', class: 'small', 'data-test': 'list-decision', onclick: () => openForm(() => listDecisionForm(m)) }, t('console.review.list_decision.button')));
              }
              if (m.state === 'HOUSEHOLD_REVIEW_STATE_POSTED') {
                buttons.push(h('button', { type: 'button', class: 'small', 'data-test': 'complaint', onclick: () => openForm(() => complaintForm(m)) }, t('console.review.complaint.button')));
              }
              return h('span', { class: 'row-actions' }, buttons);
            },
          },
        ],
        rows,
        rowAttrs: (m) => ({ 'data-household-id': m.household_id, 'data-state': shortState(m.state) }),
        exportName: `${roundId}-ho`,
        empty: t('console.review.households.empty'),
      }),
    );
  }
  drawHouseholds();

  // ---------- steps ----------
  function meetingForm(group) {
    const proposed = members.filter((m) => m.state === 'HOUSEHOLD_REVIEW_STATE_PROPOSED' && m.residential_group === group);
    const error = h('div', { class: 'form-error', role: 'alert', 'data-test': 'form-error', hidden: true, tabindex: '-1' });
    const date = h('input', { id: 'meeting-date', type: 'date', value: format.wardToday(), max: format.wardToday(), required: true });
    const minutes = h('input', { id: 'meeting-minutes', type: 'text', required: true });
    const attendees = h('input', { id: 'meeting-attendees', type: 'number', min: 1, inputmode: 'numeric' });
    const rows = proposed.map((m, i) => {
      const include = h('input', { type: 'checkbox', id: `meeting-include-${i}`, checked: true });
      const present = h('input', { type: 'number', id: `meeting-present-${i}`, min: 1, inputmode: 'numeric', 'aria-label': t('console.review.meeting.attendees_for', { household: label(m) }) });
      const agreed = h('input', { type: 'number', id: `meeting-agreed-${i}`, min: 0, inputmode: 'numeric', 'aria-label': t('console.review.meeting.agreed_for', { household: label(m) }) });
      const problem = h('div', { class: 'field-error', hidden: true });
      const row = h(
        'li',
        { class: 'meeting-row', 'data-household-id': m.household_id },
        h('div', { class: 'field field-checkbox' }, include, h('label', { for: `meeting-include-${i}` }, label(m), ' — ', m.proposed ? enumWord('category', m.proposed.category, 'POVERTY_CATEGORY_') : '')),
        h('div', { class: 'meeting-votes' },
          h('label', { for: `meeting-present-${i}` }, t('console.review.meeting.attendees')), present,
          h('label', { for: `meeting-agreed-${i}` }, t('console.review.meeting.agreed')), agreed),
        problem,
      );
      return { m, include, present, agreed, problem, row };
    });
    attendees.addEventListener('input', () => {
      for (const r of rows) r.present.value = attendees.value;
    });
    const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'record-meeting' }, t('console.review.meeting.save'));
    const formEl = h(
      'form',
      { class: 'form', novalidate: true },
      error,
      h('p', { class: 'hint' }, t('console.review.meeting.rule')),
      h('div', { class: 'field' }, h('label', { for: 'meeting-date' }, t('console.review.meeting.date')), date),
      h('div', { class: 'field' }, h('label', { for: 'meeting-minutes' }, t('console.review.meeting.minutes')), minutes),
      h('div', { class: 'field' }, h('label', { for: 'meeting-attendees' }, t('console.review.meeting.attendees_all')), attendees),
      h('ul', { class: 'meeting-rows' }, rows.map((r) => r.row)),
      h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', class: 'secondary', onclick: closeForm }, t('console.action.cancel'))),
    );
    formEl.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      rows.forEach((r) => { r.problem.hidden = true; });
      const chosen = rows.filter((r) => r.include.checked);
      const decisions = chosen.map((r) => ({
        household_id: r.m.household_id,
        attendees: Number(r.present.value) || 0,
        agreed: Number(r.agreed.value) || 0,
      }));
      submit.disabled = true;
      try {
        const answer = await call('Classification', 'RecordGroupMeeting', {
          round_id: roundId,
          meeting_date: date.value,
          minutes_reference: minutes.value.trim(),
          decisions,
        });
        const agreedCount = (answer.households || []).filter((x) => x.state === 'HOUSEHOLD_REVIEW_STATE_MEETING_AGREED').length;
        await changed(t('console.review.meeting.saved', { group, agreed: agreedCount, total: decisions.length }));
      } catch (err) {
        // decisions[i].field names a row; the others go on top.
        const unplaced = [];
        for (const v of err.violations || []) {
          const match = /^decisions\[(\d+)\]/.exec(v.field || '');
          if (match && chosen[Number(match[1])]) {
            const r = chosen[Number(match[1])];
            r.problem.textContent = r.problem.textContent ? `${r.problem.textContent}; ${v.description}` : v.description;
            r.problem.hidden = false;
          } else {
            unplaced.push(v.description);
          }
        }
        error.textContent = [err.message, ...unplaced].filter(Boolean).join(' — ');
        error.hidden = false;
        error.focus();
      } finally {
        submit.disabled = false;
      }
    });
    return section(t('console.review.meeting.title', { group }), formEl);
  }

  function listDecisionForm(m) {
    return section(
      t('console.review.list_decision.title', { household: label(m) }),
      form({
        fields: [
          { name: 'kind', id: 'decision-kind', type: 'select', label: t('console.review.list_decision.kind'), options: enumChoices('list_decision_words', ['LIST_DECISION_KIND_MOVED_AWAY', 'LIST_DECISION_KIND_DISSOLVED', 'LIST_DECISION_KIND_CARRIED_OVER'], 'LIST_DECISION_KIND_') },
          { name: 'reason', id: 'decision-reason', type: 'textarea', label: t('console.review.list_decision.reason'), required: true },
          { name: 'decided_on', id: 'decision-date', type: 'date', label: t('console.review.list_decision.date'), value: format.wardToday(), attrs: { max: format.wardToday() } },
        ],
        submitLabel: t('console.review.list_decision.save'),
        submitTest: 'save-list-decision',
        onCancel: closeForm,
        onSubmit: async (v) => {
          await call('Classification', 'RecordListDecision', { round_id: roundId, household_id: m.household_id, kind: v.kind, reason: v.reason.trim(), decided_on: v.decided_on });
          await changed(t('console.review.list_decision.saved', { household: label(m) }));
        },
      }),
    );
  }

  function addToListForm() {
    return section(
      t('console.review.add.title'),
      form({
        fields: [
          { name: 'household_id', id: 'add-household', type: 'text', label: t('console.review.add.household'), hint: t('console.review.open.household_hint'), required: true },
          { name: 'reason', id: 'add-reason', type: 'select', label: t('console.review.add.reason'), options: enumChoices('list_reason', ['LIST_REASON_APPLIED', 'LIST_REASON_ADDED'], 'LIST_REASON_') },
          { name: 'note', id: 'add-note', type: 'text', label: t('console.review.add.note'), required: true },
        ],
        submitLabel: t('console.review.add.save'),
        submitTest: 'save-add-to-list',
        onCancel: closeForm,
        onSubmit: async (v) => {
          const householdId = await householdIdOf(v.household_id);
          await call('Classification', 'AddToRoundList', { round_id: roundId, household_id: householdId, reason: v.reason, note: v.note.trim() });
          await changed(t('console.review.add.saved', { household: householdId }));
        },
      }),
    );
  }

  function postForm() {
    return section(
      t('console.review.post.title'),
      h('p', { class: 'hint' }, t('console.review.post.lead', { count: progress.agreed || 0 })),
      form({
        fields: [{ name: 'posted_on', id: 'post-date', type: 'date', label: t('console.review.post.date'), value: format.wardToday(), attrs: { max: format.wardToday() } }],
        submitLabel: t('console.review.post.save'),
        submitTest: 'save-post-results',
        onCancel: closeForm,
        onSubmit: async (v) => {
          const answer = await call('Classification', 'PostResults', { round_id: roundId, posted_on: v.posted_on });
          await changed(t('console.review.post.saved', { count: (answer.posted_household_ids || []).length, closes: answer.complaint_window_closes || '' }));
        },
      }),
    );
  }

  function complaintForm(m) {
    return section(
      t('console.review.complaint.title', { household: label(m) }),
      form({
        fields: [
          { name: 'complainant', id: 'complaint-complainant', type: 'text', label: t('console.review.complaint.complainant'), required: true },
          { name: 'content', id: 'complaint-content', type: 'textarea', label: t('console.review.complaint.content'), required: true },
          { name: 'received_date', id: 'complaint-date', type: 'date', label: t('console.review.complaint.date'), value: format.wardToday(), attrs: { max: format.wardToday() } },
        ],
        submitLabel: t('console.review.complaint.save'),
        submitTest: 'save-complaint',
        onCancel: closeForm,
        onSubmit: async (v) => {
          await call('Classification', 'FileComplaint', { round_id: roundId, household_id: m.household_id, complainant: v.complainant.trim(), content: v.content.trim(), received_date: v.received_date });
          await changed(t('console.review.complaint.saved', { household: label(m) }));
        },
      }),
    );
  }

  // Households that would stop the approval: neither posted with their
  // complaint window closed nor already settled. Each can be left out, with
  // a reason; the service has the last word (and names any it still refuses).
  function notReady() {
    const today = format.wardToday();
    const settled = ['HOUSEHOLD_REVIEW_STATE_APPROVED', 'HOUSEHOLD_REVIEW_STATE_EXCLUDED', 'HOUSEHOLD_REVIEW_STATE_LIST_DECIDED'];
    return members.filter((m) => {
      if (settled.includes(m.state)) return false;
      if (m.state === 'HOUSEHOLD_REVIEW_STATE_POSTED') return !(m.complaint_window_closes && m.complaint_window_closes < today);
      return true;
    });
  }

  function approveForm() {
    const candidates = notReady();
    const exclusionRows = candidates.map((m, i) => {
      const leaveOut = h('input', { type: 'checkbox', id: `exclude-${i}` });
      const reason = h('input', { type: 'text', id: `exclude-reason-${i}`, 'aria-label': t('console.review.approve.exclusion_reason_for', { household: label(m) }) });
      return {
        m,
        leaveOut,
        reason,
        row: h(
          'li',
          { class: 'meeting-row', 'data-household-id': m.household_id },
          h('div', { class: 'field field-checkbox' }, leaveOut, h('label', { for: `exclude-${i}` }, t('console.review.approve.leave_out', { household: label(m), state: stateWord(m.state) }))),
          reason,
        ),
      };
    });
    const built = form({
      fields: [
        { name: 'decision_number', id: 'approve-number', type: 'text', label: t('console.review.approve.number'), hint: t('console.review.approve.number_hint'), required: true },
        { name: 'decision_date', id: 'approve-date', type: 'date', label: t('console.review.approve.date'), value: format.wardToday(), required: true, attrs: { max: format.wardToday() } },
      ],
      submitLabel: t('console.review.approve.save'),
      submitTest: 'save-approve-round',
      onCancel: closeForm,
      onSubmit: async (v) => {
        const exclusions = exclusionRows
          .filter((r) => r.leaveOut.checked)
          .map((r) => ({ household_id: r.m.household_id, reason: r.reason.value.trim() }));
        const answer = await call('Classification', 'ApproveRound', {
          round_id: roundId,
          decision_number: v.decision_number.trim(),
          decision_date: v.decision_date,
          exclusions,
          omit_results: true,
        });
        const approval = answer.approval || {};
        await changed(
          t('console.review.approve.saved', {
            count: (approval.approved_household_ids || []).length,
            poor: approval.poor || 0,
            near_poor: approval.near_poor || 0,
          }),
        );
      },
    });
    if (exclusionRows.length) {
      built.insertBefore(
        h(
          'fieldset',
          { class: 'exclusions' },
          h('legend', {}, t('console.review.approve.exclusions')),
          h('p', { class: 'hint' }, t('console.review.approve.exclusions_hint')),
          h('ul', { class: 'meeting-rows' }, exclusionRows.map((r) => r.row)),
        ),
        built.querySelector('.form-actions'),
      );
    }
    return section(
      t('console.review.approve.title'),
      h('p', { class: 'hint' }, t('console.review.approve.lead', { ready: progress.ready_for_approval || 0 })),
      built,
    );
  }

  const steps = mayAct
    ? h(
        'div',
        { class: 'case-actions review-steps', role: 'group', 'aria-label': t('console.review.steps') },
        round.kind === 'REVIEW_KIND_PERIODIC'
          ? h('button', { type: 'button', 'data-test': 'add-to-list', onclick: () => openForm(addToListForm) }, t('console.review.add.button'))
          : null,
        h('button', { type: 'button', 'data-test': 'post-results', onclick: () => openForm(postForm) }, t('console.review.post.button')),
        h('button', { type: 'button', class: 'primary', 'data-test': 'approve-round', onclick: () => openForm(approveForm) }, t('console.review.approve.button')),
      )
    : null;

  // Parts a role is not offered are null: left out.
  clear(root).append(
    ...[
      back,
      pageHeader(t('console.review.round_title', { round: roundId })),
      messages,
      section(t('console.review.progress'), roundFacts, counts, warnings),
      steps,
      mayAct ? h('p', { class: 'hint' }, t('console.review.steps_hint')) : null,
      formSlot,
      section(t('console.review.by_group'), groupTable),
      section(
        t('console.review.households'),
        h('div', { class: 'field' }, h('label', { for: 'round-state-filter' }, t('console.review.state.label')), stateFilter),
        householdSlot,
      ),
    ].filter(Boolean),
  );
}
