// An emergency (#/thien-tai/<emergency_id>): what struck and where, the
// households marked affected (each relieved or not, with a link to its case
// to record the relief), the affected poor and near-poor households not yet
// contacted (Monitoring.ListAlerts, kind EMERGENCY_NOT_CONTACTED), households
// marked in bulk (MarkAffected: every household with a case in the affected
// groups at once, or those ticked), and, for ward officers, its end.

import { call } from '../api.js';
import { t, text as localized } from '../i18n.js';
import * as format from '../format.js';
import { h, clear, confirm, table, facts, form, notice, pageError, loading, pageHeader, section, sectionError } from '../ui.js';
import { echoDates, fold, householdLabel, householdsFor, isStaff, isWardOfficer, readable, routeTail, takeNoticeForPage } from '../work.js';
import { markedBy, offerableCases, relievedBy } from '../case-operations.js';
import { bulkResults, caseRows } from '../bulk-view.js';
import { visibleCases } from './model.js';
import { emergencyPeriod } from './emergencies.js';

const NOT_CONTACTED = 'KIND_EMERGENCY_NOT_CONTACTED';

// `done`: the outcome of the marking just made, shown above the list that
// follows it (the page is drawn again so that every list is current).
export async function render(root, ctx, done = null) {
  const account = ctx.account;
  const officer = isWardOfficer(account);
  const mayMark = officer || isStaff(account);
  const emergencyId = routeTail(ctx);
  const back = h('a', { class: 'back-link', href: '#/thien-tai' }, t('console.emergencies.back'));
  clear(root).append(back, pageHeader(t('console.emergencies.title')), loading());

  let organizations;
  let summary;
  let cases;
  try {
    const [orgs, listed, visible] = await Promise.all([
      call('Assignment', 'ListOrganizations', { include_inactive: true }),
      call('Assignment', 'ListEmergencies', {}),
      visibleCases(),
    ]);
    organizations = orgs.organizations || [];
    summary = (listed.emergencies || []).find((s) => s.emergency.emergency_id === emergencyId);
    cases = visible;
  } catch (err) {
    clear(root).append(back, pageHeader(t('console.emergencies.title')), pageError(err));
    return;
  }
  if (!summary) {
    clear(root).append(back, pageHeader(t('console.emergencies.title')), pageError({ message: t('console.emergencies.not_found', { id: emergencyId }) }));
    return;
  }
  const emergency = summary.emergency;
  const households = await householdsFor(cases.map((c) => ({ household_id: c.household_id, residential_group: c.residential_group })));
  const header = pageHeader(emergency.name);
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const carried = takeNoticeForPage();
  if (carried) messages.append(notice(carried));

  const about = section(
    t('console.emergencies.about'),
    facts([
      [t('console.emergencies.col.kind'), readable('emergency_kind', emergency.kind, 'EMERGENCY_KIND_')],
      [t('console.emergencies.col.period'), emergencyPeriod(emergency)],
      [t('console.emergencies.col.groups'), (emergency.residential_groups || []).join(', ')],
      [t('console.emergencies.form.description'), emergency.description],
      [t('console.emergencies.declared_by'), emergency.declared_by ? t('console.emergencies.declared_line', { name: emergency.declared_by.name || '', date: emergency.declared_on }) : ''],
      [t('console.emergencies.col.affected'), format.number(summary.households_affected || 0)],
      [t('console.emergencies.col.relieved'), format.number(summary.households_relieved || 0)],
    ]),
  );

  // ---------- not yet contacted ----------
  const alertsSlot = h('div', { 'aria-live': 'polite' });
  async function loadAlerts() {
    clear(alertsSlot).append(loading());
    try {
      const answer = await call('Monitoring', 'ListAlerts', {});
      const alerts = (answer.organizations || [])
        .flatMap((o) => o.alerts || [])
        .filter((a) => a.kind === NOT_CONTACTED && a.reference_id === emergency.emergency_id);
      const named = await householdsFor(alerts.map((a) => ({ household_id: a.household_id })));
      clear(alertsSlot).append(
        alerts.length
          ? h(
              'ul',
              { class: 'alert-list', 'data-test': 'not-contacted' },
              alerts.map((a) =>
                h(
                  'li',
                  { 'data-household-id': a.household_id },
                  h('a', { href: `#/ho-gia-dinh/${encodeURIComponent(a.household_id)}` }, householdLabel(named.get(a.household_id), a.household_id)),
                  ' — ',
                  localized(a.text, a.message),
                ),
              ),
            )
          : h('p', { class: 'empty', 'data-test': 'none-not-contacted' }, t('console.emergencies.all_contacted')),
      );
    } catch (err) {
      clear(alertsSlot).append(sectionError(err));
    }
  }
  const notContacted = section(
    t('console.emergencies.not_contacted'),
    h('p', { class: 'hint' }, t('console.emergencies.not_contacted_hint')),
    h('button', { type: 'button', class: 'secondary small', 'data-test': 'refresh-alerts', onclick: () => loadAlerts() }, t('console.emergencies.refresh')),
    alertsSlot,
  );

  // ---------- households affected ----------
  const affected = cases
    .map((c) => ({ c, mark: markedBy(c, emergency.emergency_id) }))
    .filter((r) => r.mark)
    .sort((a, b) => String(a.c.residential_group).localeCompare(String(b.c.residential_group)) || String(a.c.household_id).localeCompare(String(b.c.household_id)));
  const affectedSection = section(
    t('console.emergencies.affected', { count: String(affected.length) }),
    table({
      exportName: `${emergency.emergency_id}-ho-bi-anh-huong`,
      rows: affected,
      rowAttrs: ({ c }) => ({ 'data-household-id': c.household_id }),
      empty: t('console.emergencies.none_affected'),
      columns: [
        { header: t('console.bulk.col.household'), value: ({ c }) => householdLabel(households.get(c.household_id), c.household_id) },
        { header: t('console.bulk.col.group'), value: ({ c }) => c.residential_group },
        { header: t('console.emergencies.col.affected_on'), value: ({ mark }) => format.date(mark.affected_on) },
        { header: t('console.emergencies.col.note'), value: ({ mark }) => mark.note || '' },
        { header: t('console.emergencies.col.relief'), value: ({ c }) => (relievedBy(c, emergency.emergency_id) ? t('console.emergencies.relieved') : t('console.emergencies.not_relieved')) },
        {
          header: t('console.emergencies.col.case'),
          noExport: true,
          value: () => '',
          cell: ({ c }) => h('a', { href: `#/ho-so/${encodeURIComponent(c.case_id)}`, 'data-test': 'record-relief' }, t('console.emergencies.record_relief')),
        },
      ],
    }),
  );

  // ---------- marking ----------
  const markSection = mayMark ? markForm() : null;

  function markForm() {
    const offered = offerableCases(cases, account).filter((c) => !markedBy(c, emergency.emergency_id));
    const rows = caseRows(offered, households, organizations);
    const struck = new Set(emergency.residential_groups || []);
    const state = { search: '', onlyStruck: true };
    const listSlot = h('div', {});
    const resultsSlot = h('div', { 'aria-live': 'polite' }, done ? bulkResults(done, households, 'console.emergencies.mark_result') : null);
    const selectedCount = h('span', { class: 'selected-count', 'aria-live': 'polite' });
    let listTable = null;
    const draw = () => {
      const words = fold(state.search).split(/\s+/).filter(Boolean);
      const shown = rows.filter((r) => (!state.onlyStruck || struck.has(r.group)) && words.every((w) => fold(`${r.head} ${r.code} ${r.address}`).includes(w)));
      listTable = table({
        exportName: `${emergency.emergency_id}-chon-ho`,
        rows: shown,
        pageSize: 50,
        rowAttrs: (r) => ({ 'data-household-id': r.household_id, 'data-case-id': r.case_id }),
        selectable: { test: 'select-household', label: (r) => t('console.bulk.select', { household: r.head || r.household_id }), onChange: (sel) => (selectedCount.textContent = t('console.bulk.selected', { count: sel.length })) },
        empty: t('console.emergencies.none_to_mark'),
        columns: [
          { header: t('console.bulk.col.household'), value: (r) => r.label },
          { header: t('console.bulk.col.address'), value: (r) => r.address },
          { header: t('console.bulk.col.group'), value: (r) => r.group },
          { header: t('console.bulk.col.category'), value: (r) => r.category },
          { header: t('console.bulk.col.organization'), value: (r) => r.organization },
        ],
      });
      selectedCount.textContent = t('console.bulk.selected', { count: 0 });
      clear(listSlot).append(listTable);
    };
    const search = h('input', { id: 'mark-search', type: 'search', placeholder: t('console.bulk.search_placeholder'), oninput: (e) => { state.search = e.target.value; draw(); } });
    const onlyStruck = h('input', { id: 'mark-only-struck', type: 'checkbox', checked: true, onchange: (e) => { state.onlyStruck = e.target.checked; draw(); } });
    const today = format.wardToday();
    const affectedOn = h('input', { id: 'mark-date', type: 'date', value: today, max: today, min: emergency.began_on || null });
    const note = h('input', { id: 'mark-note', type: 'text', placeholder: t('console.emergencies.mark_note_placeholder') });
    const reason = h('input', { id: 'mark-reason', type: 'text', value: t('console.emergencies.mark_reason') });
    const error = h('div', { class: 'form-error', role: 'alert', 'data-test': 'form-error', hidden: true });

    async function mark(request, button) {
      error.hidden = true;
      if (!reason.value.trim()) {
        error.textContent = t('console.bulk.no_reason');
        error.hidden = false;
        return;
      }
      button.disabled = true;
      try {
        const answer = await call('Assignment', 'MarkAffected', {
          emergency_id: emergency.emergency_id,
          affected_on: affectedOn.value,
          note: note.value.trim(),
          reason: reason.value.trim(),
          ...request,
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
    }

    const markChosen = h('button', { type: 'button', class: 'primary', 'data-test': 'mark-selected' }, t('console.emergencies.mark_selected'));
    markChosen.addEventListener('click', () => {
      const chosen = listTable ? listTable.selectedRows() : [];
      if (!chosen.length) {
        error.textContent = t('console.bulk.none_selected');
        error.hidden = false;
        return;
      }
      mark({ household_ids: chosen.map((r) => r.household_id) }, markChosen);
    });
    const markAll = h('button', { type: 'button', 'data-test': 'mark-all-groups' }, t('console.emergencies.mark_all', { groups: (emergency.residential_groups || []).join(', ') }));
    markAll.addEventListener('click', async () => {
      const sure = await confirm({
        title: t('console.emergencies.mark_all_title'),
        message: t('console.emergencies.mark_all_question', { groups: (emergency.residential_groups || []).join(', ') }),
        confirmLabel: t('console.emergencies.mark_all_yes'),
      });
      if (sure) mark({ all_in_affected_groups: true }, markAll);
    });
    draw();
    const fields = h(
      'div',
      { class: 'bulk-bar', role: 'group', 'aria-label': t('console.emergencies.mark_title') },
      h('h3', { class: 'bulk-title' }, t('console.emergencies.mark_how')),
      error,
      selectedCount,
      h('div', { class: 'field' }, h('label', { for: 'mark-date' }, t('console.emergencies.mark_date')), affectedOn),
      h('div', { class: 'field' }, h('label', { for: 'mark-note' }, t('console.emergencies.mark_note')), note),
      h('div', { class: 'field' }, h('label', { for: 'mark-reason' }, t('console.bulk.reason')), reason),
      markChosen,
      markAll,
    );
    echoDates(fields);
    return section(
      t('console.emergencies.mark_title'),
      h('p', { class: 'hint' }, t('console.emergencies.mark_hint')),
      resultsSlot,
      h(
        'div',
        { class: 'filter-fields' },
        h('div', { class: 'field' }, h('label', { for: 'mark-search' }, t('console.bulk.search')), search),
        h('div', { class: 'field-checkbox' }, onlyStruck, h('label', { for: 'mark-only-struck' }, t('console.emergencies.only_struck'))),
      ),
      listSlot,
      fields,
    );
  }

  // ---------- end ----------
  const endSlot = h('div', { class: 'case-form-slot' });
  if (officer && !emergency.ended_on) {
    header.querySelector('.actions').append(
      h(
        'button',
        {
          type: 'button',
          'data-test': 'end-emergency',
          onclick: () => {
            const built = form({
              fields: [
                { name: 'ended_on', id: 'end-date', type: 'date', label: t('console.emergencies.end_date'), value: format.wardToday(), required: true, attrs: { max: format.wardToday(), min: emergency.began_on } },
                { name: 'reason', id: 'end-reason', label: t('console.emergencies.form.reason'), value: t('console.emergencies.end_reason'), required: true },
              ],
              submitLabel: t('console.emergencies.end'),
              submitTest: 'save-end',
              onCancel: () => clear(endSlot),
              onSubmit: async (values) => {
                await call('Assignment', 'EndEmergency', { emergency_id: emergency.emergency_id, ended_on: values.ended_on, reason: values.reason });
                ctx.refresh();
              },
            });
            echoDates(built);
            clear(endSlot).append(section(t('console.emergencies.end'), built));
          },
        },
        t('console.emergencies.end'),
      ),
    );
  }

  clear(root).append(back, header, messages, endSlot, about, notContacted, markSection, affectedSection);
  loadAlerts();
}
