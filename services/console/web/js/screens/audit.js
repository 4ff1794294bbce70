// Kiểm toán (#/kiem-toan), for auditors (and ward officers): verify the
// audit chain and name its first bad entry, the checkpoints and the signed
// tree head that seal it, a household's history as a file, and the log of
// who read personal data (the chain's KIND_PERSONAL_DATA_READ entries,
// docs/monitoring.md).

import { call, downloadUrl } from '../api.js';
import { t, enumWord, text as localized } from '../i18n.js';
import * as format from '../format.js';
import { h, clear, table, form, notice, pageError, sectionError, loading, pageHeader, section, facts } from '../ui.js';
import { base64ToHex, householdLabel, isAuditor, isWardOfficer, listAll } from '../work.js';

// How many of the latest chain entries the read log looks through at once.
const READ_LOG_WINDOW = 2000;

function actorText(entry) {
  const role = entry.actor_role ? enumWord('role', entry.actor_role, 'ROLE_') : '';
  const name = entry.actor_name || '';
  const organization = entry.actor_organization_id ? ` · ${entry.actor_organization_id}` : '';
  return name ? `${name} (${role}${organization})` : role;
}

function actorOf(actor) {
  if (!actor) return '';
  const role = actor.role ? enumWord('role', actor.role, 'ROLE_') : '';
  const organization = actor.organization_id ? ` · ${actor.organization_id}` : '';
  return actor.name ? `${actor.name} (${role}${organization})` : role;
}

function shortHash(hex) {
  return hex && hex.length > 16 ? `${hex.slice(0, 16)}…` : hex || '';
}

export async function render(root, ctx) {
  const header = pageHeader(t('console.audit.title'));
  if (!isAuditor(ctx.account) && !isWardOfficer(ctx.account)) {
    clear(root).append(header, pageError({ message: t('console.audit.not_allowed') }));
    return;
  }
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const verifySlot = h('div', { 'data-test': 'audit-result', 'aria-live': 'polite' });
  const checkpointSlot = h('div', {});
  const headSlot = h('div', {});
  const readsSlot = h('div', {});

  // ---------- verification ----------
  const verifyButton = h('button', { type: 'button', class: 'primary', 'data-test': 'verify-audit', onclick: verify }, t('console.audit.verify.button'));
  async function verify() {
    verifyButton.disabled = true;
    clear(verifySlot).append(loading());
    try {
      const answer = await call('Monitoring', 'VerifyAudit', { use_latest_checkpoint: true });
      const v = answer.verification || {};
      const finding = v.finding;
      const result = v.intact
        ? h('p', { class: 'result ok', 'data-test': 'audit-intact' }, t('console.audit.verify.intact', { count: v.entries_checked || '0' }))
        : h('p', { class: 'result bad', 'data-test': 'audit-broken' }, t('console.audit.verify.broken', { count: v.entries_checked || '0' }));
      clear(verifySlot).append(
        h(
          'div',
          {},
          result,
          facts([
            [t('console.audit.verify.checked'), format.number(v.entries_checked || '0')],
            [t('console.audit.verify.head'), h('code', { class: 'hash' }, base64ToHex(v.head_hash))],
            [
              t('console.audit.verify.checkpoint'),
              v.checkpoint ? t('console.audit.checkpoint_text', { count: v.checkpoint.entry_count || '0', at: format.dateTime(v.checkpoint.issued_at) }) : t('console.audit.verify.no_checkpoint'),
            ],
            [
              t('console.audit.verify.tree_head'),
              answer.tree_head ? t('console.audit.tree_head_text', { size: answer.tree_head.tree_size || '0', at: format.dateTime(answer.tree_head.issued_at) }) : t('console.audit.head.none'),
            ],
          ]),
          finding
            ? section(
                t('console.audit.finding.title'),
                facts([
                  [t('console.audit.finding.kind'), enumWord('finding_kind', finding.kind, 'KIND_')],
                  [
                    t('console.audit.finding.entry'),
                    finding.last_sequence && finding.last_sequence !== finding.sequence
                      ? t('console.audit.finding.range', { from: finding.sequence, to: finding.last_sequence })
                      : String(finding.sequence || ''),
                  ],
                  [t('console.audit.finding.position'), String(finding.position || '')],
                  [t('console.audit.finding.event'), finding.event_id],
                  [t('console.audit.finding.description'), finding.description],
                ]),
              )
            : null,
          h('p', { class: 'muted' }, t('console.audit.verify.when', { at: format.dateTime(new Date().toISOString()) })),
        ),
      );
    } catch (err) {
      clear(verifySlot).append(pageError(err));
    } finally {
      verifyButton.disabled = false;
    }
  }

  // ---------- checkpoints ----------
  async function loadCheckpoints() {
    clear(checkpointSlot).append(loading());
    try {
      const answer = await call('Monitoring', 'ListCheckpoints', { page: { page_size: 100 } });
      clear(checkpointSlot).append(
        table({
          columns: [
            { header: t('console.audit.column.issued_at'), value: (c) => format.dateTime(c.issued_at) },
            { header: t('console.audit.column.entries'), value: (c) => format.number(c.entry_count || '0') },
            { header: t('console.audit.column.head_hash'), value: (c) => base64ToHex(c.head_hash), cell: (c) => h('code', { class: 'hash', title: base64ToHex(c.head_hash) }, shortHash(base64ToHex(c.head_hash))) },
            { header: t('console.audit.column.issued_by'), value: (c) => (c.issued_by ? c.issued_by.name : '') },
          ],
          rows: answer.checkpoints || [],
          exportName: 'diem-kiem-tra',
          empty: t('console.audit.checkpoints.empty'),
        }),
      );
    } catch (err) {
      clear(checkpointSlot).append(sectionError(err));
    }
  }
  const issueButton = h(
    'button',
    {
      type: 'button',
      'data-test': 'issue-checkpoint',
      onclick: async () => {
        issueButton.disabled = true;
        clear(messages);
        try {
          const answer = await call('Monitoring', 'IssueCheckpoint', {});
          const c = answer.checkpoint || {};
          messages.append(notice(t('console.audit.checkpoints.issued', { count: c.entry_count || '0', hash: shortHash(base64ToHex(c.head_hash)) })));
          await loadCheckpoints();
        } catch (err) {
          messages.append(pageError(err));
        } finally {
          issueButton.disabled = false;
        }
      },
    },
    t('console.audit.checkpoints.issue'),
  );

  // ---------- signed tree head ----------
  async function loadHead(issue) {
    clear(headSlot).append(loading());
    try {
      const answer = await call('Monitoring', 'GetTreeHead', { issue });
      const head = answer.head || {};
      clear(headSlot).append(
        facts([
          [t('console.audit.head.size'), format.number(head.tree_size || '0')],
          [t('console.audit.head.root'), h('code', { class: 'hash' }, base64ToHex(head.root_hash))],
          [t('console.audit.head.issued_at'), format.dateTime(head.issued_at)],
          [t('console.audit.head.signature'), h('code', { class: 'hash' }, base64ToHex(head.signature))],
          [t('console.audit.head.key'), h('code', { class: 'hash' }, base64ToHex(answer.public_key))],
        ]),
      );
      if (issue) messages.append(notice(t('console.audit.head.signed', { size: head.tree_size || '0' })));
    } catch (err) {
      // No head signed yet (404), or no signing key configured (409): facts
      // of the installation to read, not faults.
      const state = err && (err.status === 404 || err.status === 409);
      clear(headSlot).append(state ? h('p', { class: 'refused', 'data-test': 'section-refused' }, err.message) : sectionError(err));
    }
  }
  const signButton = h('button', { type: 'button', 'data-test': 'sign-tree-head', onclick: () => loadHead(true) }, t('console.audit.head.sign'));

  // ---------- a household's history, and who read it ----------
  const exportLinks = h('div', { class: 'export-links', 'data-test': 'history-links' });
  const householdReads = h('div', {});
  const historyForm = form({
    fields: [{ name: 'household', id: 'export-household', type: 'text', label: t('console.audit.history.household'), hint: t('console.audit.history.hint'), required: true }],
    submitLabel: t('console.audit.history.prepare'),
    submitTest: 'prepare-history',
    onSubmit: async (v) => {
      let id = v.household.trim();
      // A code typed as said on the phone finds its household id.
      const answer = await call('Registry', 'GetHousehold', /^HH-/i.test(id) ? { household_id: id.toUpperCase() } : { code: id });
      id = answer.household.household_id;
      const label = householdLabel(answer.household, id);
      clear(exportLinks).append(
        h('p', {}, t('console.audit.history.for', { household: label })),
        h('a', { class: 'button', href: downloadUrl('/api/export/household-history', { household_id: id, format: 'csv' }), download: `${id}-lich-su.csv`, 'data-test': 'history-csv' }, t('console.audit.history.csv')),
        h('a', { class: 'button', href: downloadUrl('/api/export/household-history', { household_id: id, format: 'json' }), download: `${id}-lich-su.json`, 'data-test': 'history-json' }, t('console.audit.history.json')),
      );
      // The household's timeline holds every read of its personal data
      // (service "monitoring"), this one included.
      clear(householdReads).append(loading());
      try {
        const entries = await listAll('Monitoring', 'GetHouseholdTimeline', { household_id: id }, 'entries');
        const reads = entries.filter((e) => e.service === 'monitoring').reverse();
        clear(householdReads).append(
          h('h3', {}, t('console.audit.reads.of_household', { household: label })),
          table({
            columns: [
              { header: t('console.audit.column.read_at'), value: (e) => format.dateTime(e.occurred_at), class: 'nowrap' },
              { header: t('console.audit.column.reader'), value: (e) => actorOf(e.actor) },
              { header: t('console.audit.column.what'), value: (e) => localized(e.description_text, e.description) },
              { header: t('console.audit.column.sequence'), value: (e) => e.audit_sequence },
            ],
            rows: reads,
            exportName: `${id}-doc-du-lieu`,
            empty: t('console.audit.reads.empty'),
          }),
        );
      } catch (err) {
        clear(householdReads).append(sectionError(err));
      }
    },
  });

  // ---------- who read personal data, ward-wide ----------
  async function loadReads() {
    clear(readsSlot).append(loading());
    try {
      const seen = await call('Monitoring', 'GetSeen', { last_events: 1 });
      const total = Number(seen.audit_entries || 0);
      const from = Math.max(1, total - READ_LOG_WINDOW + 1);
      const answer = await call('Monitoring', 'ExportAudit', { format: 'FORMAT_JSON', from_sequence: String(from), to_sequence: '0' });
      const entries = JSON.parse((answer.document && answer.document.content) || '[]');
      const reads = entries.filter((e) => e.kind === 'personal_data_read').reverse();
      // Households by id only: naming them here would itself be a logged read.
      clear(readsSlot).append(
        h('p', { class: 'hint' }, t('console.audit.reads.window', { from, to: total, count: reads.length })),
        table({
          columns: [
            { header: t('console.audit.column.read_at'), value: (e) => format.dateTime(e.occurred_at), class: 'nowrap' },
            { header: t('console.audit.column.reader'), value: actorText },
            {
              header: t('console.audit.column.household'),
              value: (e) => e.household_id,
              cell: (e) => (e.household_id ? h('a', { href: `#/ho-gia-dinh/${encodeURIComponent(e.household_id)}` }, e.household_id) : ''),
            },
            { header: t('console.audit.column.what'), value: (e) => e.detail },
            { header: t('console.audit.column.sequence'), value: (e) => e.sequence },
          ],
          rows: reads,
          rowAttrs: (e) => ({ 'data-sequence': String(e.sequence) }),
          exportName: `doc-du-lieu-ca-nhan-${format.wardToday()}`,
          empty: t('console.audit.reads.empty'),
        }),
      );
    } catch (err) {
      // Without the ward-wide export (not on the console's allow-list),
      // each household's reads are still in its timeline: the form above.
      if (err && (err.status === 404 || err.status === 403)) {
        clear(readsSlot).append(h('p', { class: 'hint', 'data-test': 'reads-by-household' }, t('console.audit.reads.by_household')));
      } else {
        clear(readsSlot).append(sectionError(err));
      }
    }
  }

  clear(root).append(
    header,
    messages,
    section(t('console.audit.verify.title'), h('p', { class: 'hint' }, t('console.audit.verify.lead')), verifyButton, verifySlot),
    section(t('console.audit.checkpoints.title'), h('p', { class: 'hint' }, t('console.audit.checkpoints.lead')), issueButton, checkpointSlot),
    section(t('console.audit.head.title'), h('p', { class: 'hint' }, t('console.audit.head.lead')), signButton, headSlot),
    section(t('console.audit.history.title'), historyForm, exportLinks, householdReads),
    section(t('console.audit.reads.title'), h('p', { class: 'hint' }, t('console.audit.reads.lead')), readsSlot),
  );
  await Promise.all([loadCheckpoints(), loadHead(false), loadReads()]);
}
