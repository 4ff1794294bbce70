// Nhập dữ liệu: a CSV or JSON-lines file of households, sent in calls of at
// most 500 households (POST /api/import), with a progress bar; then every
// problem of every rejected row, at once, with its line and field.

import * as api from '../api.js';
import { t } from '../i18n.js';
import * as format from '../format.js';
import { memberIndex, splitCsv, splitJsonLines } from '../import-split.js';
import { h, notice, pageError, pageHeader, section, table } from '../ui.js';

function formatOf(file, chosen) {
  if (chosen) return chosen;
  return /\.(jsonl|ndjson|json)$/i.test(file.name) ? 'jsonl' : 'csv';
}

// The line a problem is on: for a CSV member's field, that member's own line
// (one line per member); otherwise the household's first line.
function problemLine(split, format, householdLine, field) {
  if (format !== 'csv' || !split.lineKey) return householdLine;
  const key = split.lineKey.get(householdLine);
  const index = memberIndex(field);
  if (!key || index < 0) return householdLine;
  const lines = split.keyLines.get(key) || [];
  return lines[index] || householdLine;
}

function problemsTable(problems) {
  return table({
    exportName: 'loi-nhap-du-lieu',
    pageSize: 100,
    rowAttrs: (p) => ({ 'data-line': String(p.line) }),
    columns: [
      { header: t('console.import.col.line'), value: (p) => String(p.line), class: 'number' },
      { header: t('console.import.col.household_line'), value: (p) => (p.householdLine ? String(p.householdLine) : ''), class: 'number' },
      { header: t('console.import.col.field'), value: (p) => p.field || '' },
      { header: t('console.import.col.problem'), value: (p) => p.description },
    ],
    rows: problems,
  });
}

function importedTable(imported) {
  return table({
    exportName: 'ho-da-nhap',
    rowAttrs: (x) => ({ 'data-household-id': x.household_id }),
    columns: [
      { header: t('console.import.col.line'), value: (x) => String(x.line), class: 'number' },
      { header: t('console.households.col.code'), value: (x) => x.code, class: 'nowrap' },
      {
        header: t('console.households.col.id'),
        value: (x) => x.household_id,
        cell: (x) => h('a', { href: `#/ho-gia-dinh/${encodeURIComponent(x.household_id)}` }, x.household_id),
      },
      { header: t('console.import.col.survey'), value: (x) => x.survey_id || '' },
    ],
    rows: imported,
  });
}

async function runImport(file, chosenFormat, out) {
  const fmt = formatOf(file, chosenFormat);
  const content = await file.text();
  const split = fmt === 'csv' ? splitCsv(content) : splitJsonLines(content);
  const problems = [];
  const imported = [];
  let importedCount = 0;
  let rejectedCount = 0;

  if (split.missingKeyLines && split.missingKeyLines.length) {
    // A line without its household cannot be told apart: nothing is sent,
    // as `ansinh import` does (a household could lose members).
    for (const line of split.missingKeyLines) {
      problems.push({ line, householdLine: 0, field: 'household_key', description: t('console.import.missing_key') });
    }
    out.append(h('div', { class: 'page-error', role: 'alert', 'data-test': 'import-refused' }, t('console.import.refused_missing_keys', { count: String(split.missingKeyLines.length) })));
    out.append(section(t('console.import.problems'), problemsTable(problems)));
    return;
  }
  if (!split.chunks.length) {
    out.append(pageError({ message: t('console.import.empty_file') }));
    return;
  }

  const total = Math.max(split.households, 1);
  const progress = h('progress', { id: 'import-progress', max: String(total), value: '0', class: 'progress', 'aria-labelledby': 'import-progress-label' });
  const progressText = h('p', { id: 'import-progress-label', role: 'status', 'aria-live': 'polite' }, t('console.import.progress', { done: '0', total: String(split.households) }));
  out.append(h('div', { class: 'card', 'data-test': 'import-progress' }, progressText, progress));

  let sent = 0;
  let failure = null;
  let failedChunk = null;
  for (const chunk of split.chunks) {
    let answer;
    try {
      answer = await api.uploadImport(fmt, chunk.firstLine, chunk.text);
    } catch (err) {
      failure = err;
      failedChunk = chunk;
      break;
    }
    importedCount += Number(answer.imported_count || 0);
    rejectedCount += Number(answer.rejected_count || 0);
    for (const parseError of answer.parse_errors || []) {
      problems.push({ line: Number(parseError.line), householdLine: 0, field: parseError.field || '', description: parseError.message });
    }
    for (const result of answer.results || []) {
      const line = Number(result.row_number);
      if (result.imported) imported.push({ line, ...result.imported });
      if (result.rejected) {
        const violations = result.rejected.field_violations || [];
        if (!violations.length) problems.push({ line, householdLine: line, field: '', description: t('console.import.rejected_no_reason') });
        for (const v of violations) {
          problems.push({ line: problemLine(split, fmt, line, v.field), householdLine: line, field: v.field, description: v.description });
        }
      }
    }
    sent += chunk.households;
    progress.value = sent;
    progressText.textContent = t('console.import.progress', { done: String(sent), total: String(split.households) });
  }
  problems.sort((a, b) => a.line - b.line);

  if (failure) {
    out.append(
      h(
        'div',
        { class: 'page-error', role: 'alert', 'data-test': 'page-error' },
        t('console.import.broken', { line: String(failedChunk.firstLine), reason: failure.message, imported: String(importedCount) }),
      ),
    );
  } else {
    const done = notice(t('console.import.done', { imported: String(importedCount), rejected: String(rejectedCount), file: file.name }));
    // Rejections are news to act on, not a plain success.
    if (rejectedCount || problems.length) done.classList.add('with-problems');
    out.append(done);
  }
  out.append(
    section(
      t('console.import.problems'),
      problems.length ? problemsTable(problems) : h('p', { class: 'empty', 'data-test': 'no-problems' }, t('console.import.no_problems')),
    ),
  );
  if (imported.length) {
    out.append(h('details', { class: 'card' }, h('summary', {}, t('console.import.imported_list', { count: String(imported.length) })), importedTable(imported)));
  }
}

export async function render(root) {
  root.appendChild(pageHeader(t('console.import.title')));
  root.appendChild(h('p', { class: 'lead' }, t('console.import.lead')));
  const out = h('div', { class: 'import-results' });
  const fileInput = h('input', { id: 'import-file', name: 'file', type: 'file', accept: '.csv,.jsonl,.ndjson,.json,.txt,text/csv', required: true, 'aria-describedby': 'import-file-hint import-file-error' });
  const formatSelect = h(
    'select',
    { id: 'import-format', name: 'format' },
    h('option', { value: '' }, t('console.import.format.auto')),
    h('option', { value: 'csv' }, t('console.import.format.csv')),
    h('option', { value: 'jsonl' }, t('console.import.format.jsonl')),
  );
  const fileError = h('div', { class: 'field-error', id: 'import-file-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'start-import' }, t('console.import.start'));
  const form = h(
    'form',
    { class: 'form card import-file', novalidate: true },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'import-file' }, t('console.import.file')),
      fileInput,
      h('div', { class: 'hint', id: 'import-file-hint' }, t('console.import.file_hint')),
      fileError,
    ),
    h('div', { class: 'field' }, h('label', { for: 'import-format' }, t('console.import.format')), formatSelect),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fileError.hidden = true;
    const file = fileInput.files && fileInput.files[0];
    if (!file) {
      fileError.textContent = t('console.import.choose_file');
      fileError.hidden = false;
      fileInput.focus();
      return;
    }
    while (out.firstChild) out.removeChild(out.firstChild);
    submit.disabled = true;
    const started = Date.now();
    try {
      await runImport(file, formatSelect.value, out);
    } catch (err) {
      out.append(pageError(err));
    } finally {
      submit.disabled = false;
      out.dataset.seconds = format.decimal((Date.now() - started) / 1000);
    }
  });
  root.append(form, out);
}
