// Building blocks of the screens. No innerHTML with data: every text goes
// in through text nodes, so a name or a note can never become markup.

import { t } from './i18n.js';

// h('button', {class: 'primary', 'data-test': 'save', onclick: fn}, 'Lưu')
// Attributes: on<event> functions become listeners; true/false toggle
// boolean attributes; null/undefined are left out; `dataset` and `style`
// objects are applied as such. Children: strings, numbers, nodes, arrays;
// null, undefined and false are skipped.
export function h(tag, attrs = {}, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'style' && typeof value === 'object') {
      Object.assign(el.style, value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (!svg && (name === 'value' || name === 'checked' || name === 'selected')) {
      el[name] = value;
      if (name !== 'value') el.setAttribute(name, '');
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

let uniqueCounter = 0;
export function uniqueId(prefix = 'id') {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}

// A success message; screens put it at the top of their page.
export function notice(text) {
  return h('div', { class: 'notice', role: 'status', 'data-test': 'notice' }, text);
}

// A refusal or failure that concerns the whole page (err: an ApiError or
// any Error; the gateway has already worded it in the user's language).
export function pageError(err) {
  const message = err && err.message ? err.message : t('console.error.generic');
  return h('div', { class: 'page-error', role: 'alert', 'data-test': 'page-error' }, message);
}

// What a section shows when its call failed: a refusal for the user's role
// (403) is information, said in the service's words without alarm; anything
// else is an error of the page.
export function sectionError(err) {
  if (err && err.status === 403) {
    return h('p', { class: 'refused', 'data-test': 'section-refused' }, err.message || t('console.error.generic'));
  }
  return pageError(err);
}

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('console.loading'));
}

// A page heading with optional actions on the right.
export function pageHeader(title, ...actions) {
  return h('div', { class: 'page-header' }, h('h1', { tabindex: '-1' }, title), h('div', { class: 'actions' }, actions));
}

export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), children);
}

// ---------- CSV ----------

function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header, rows) {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// Saves text as a file (UTF-8 with a BOM, so that spreadsheet programs read
// the Vietnamese letters right).
export function saveFile(filename, text, type = 'text/csv;charset=utf-8') {
  const blob = new Blob(['\ufeff', text], { type });
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------- pager ----------

// Previous / "Trang 2 / 5" / next. onPage(newPage) with pages counted from 1.
export function pager({ page, pages, onPage }) {
  if (pages <= 1) return h('nav', { class: 'pager', hidden: true });
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('console.pager.label') },
    h('button', { type: 'button', disabled: page <= 1, 'data-test': 'page-previous', onclick: () => onPage(page - 1) }, t('console.pager.previous')),
    h('span', { class: 'pager-position', 'aria-live': 'polite' }, t('console.pager.position', { page: String(page), pages: String(pages) })),
    h('button', { type: 'button', disabled: page >= pages, 'data-test': 'page-next', onclick: () => onPage(page + 1) }, t('console.pager.next')),
  );
}

// ---------- table ----------

// A list of rows that becomes stacked cards on a phone (under ~600 px).
//   columns: [{header, value: row => text or number (shown, and exported),
//              cell: row => Node (optional, what is shown instead), class}]
//   rows: the whole filtered list (the table pages it itself)
//   rowAttrs: row => attributes of its <tr> (e.g. {'data-case-id': id})
//   selectable: false, or {test: 'select-case', label: row => text,
//               onChange: selectedRows => ...} (a checkbox per row)
//   pageSize (default 25), exportName (file name without .csv), empty (text)
// The returned element has selectedRows() and clearSelection(). The
// [data-test=export-csv] button exports every row of `rows` (all pages),
// exactly as filtered, with the columns' values.
export function table({ columns, rows, rowAttrs = () => ({}), selectable = false, pageSize = 25, exportName = 'ansinh', empty, caption } = {}) {
  const selected = new Set();
  const select = selectable ? (selectable === true ? {} : selectable) : null;
  let page = 1;
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const wrapper = h('div', { class: 'table-block' });
  const count = h('p', { class: 'table-count' });
  const tableEl = h('table', { class: 'list' });
  const pagerSlot = h('div', { class: 'pager-slot' });

  const valueOf = (column, row) => {
    const value = column.value ? column.value(row) : '';
    return value === null || value === undefined ? '' : value;
  };

  function notify() {
    if (select && select.onChange) select.onChange(selectedRowsList());
  }

  function selectedRowsList() {
    return rows.filter((row) => selected.has(row));
  }

  function renderPage() {
    clear(tableEl);
    if (caption) tableEl.appendChild(h('caption', {}, caption));
    const headerCells = columns.map((c) => h('th', { scope: 'col', class: c.class }, c.header));
    if (select) {
      const shown = rows.slice((page - 1) * pageSize, page * pageSize);
      const all = h('input', {
        type: 'checkbox',
        'aria-label': t('console.table.select_page'),
        'data-test': 'select-page',
        checked: shown.length > 0 && shown.every((row) => selected.has(row)),
        onchange: (event) => {
          for (const row of shown) {
            if (event.target.checked) selected.add(row);
            else selected.delete(row);
          }
          renderPage();
          notify();
        },
      });
      headerCells.unshift(h('th', { scope: 'col', class: 'select' }, all));
    }
    tableEl.appendChild(h('thead', {}, h('tr', {}, headerCells)));
    const body = h('tbody');
    const shown = rows.slice((page - 1) * pageSize, page * pageSize);
    for (const row of shown) {
      const cells = columns.map((c) =>
        // An empty cell stays empty (no text node), so that a phone's card can leave it out.
        h('td', { 'data-label': c.header, class: c.class }, c.cell ? c.cell(row) : String(valueOf(c, row)) || null),
      );
      if (select) {
        const label = select.label ? select.label(row) : t('console.table.select_row');
        cells.unshift(
          h(
            'td',
            { class: 'select' },
            h('input', {
              type: 'checkbox',
              'data-test': select.test || 'select-row',
              'aria-label': label,
              checked: selected.has(row),
              onchange: (event) => {
                if (event.target.checked) selected.add(row);
                else selected.delete(row);
                notify();
              },
            }),
          ),
        );
      }
      body.appendChild(h('tr', rowAttrs(row) || {}, cells));
    }
    tableEl.appendChild(body);
    clear(pagerSlot).appendChild(
      pager({
        page,
        pages,
        onPage: (next) => {
          page = next;
          renderPage();
          tableEl.scrollIntoView({ block: 'start', behavior: 'smooth' });
        },
      }),
    );
    count.textContent = t('console.table.count', { count: String(rows.length) });
  }

  function exportCsv() {
    const header = columns.filter((c) => !c.noExport).map((c) => c.header);
    const data = rows.map((row) => columns.filter((c) => !c.noExport).map((c) => valueOf(c, row)));
    saveFile(`${exportName}.csv`, toCsv(header, data));
  }

  const toolbar = h(
    'div',
    { class: 'table-toolbar' },
    count,
    h('button', { type: 'button', class: 'secondary', 'data-test': 'export-csv', onclick: exportCsv, disabled: rows.length === 0 }, t('console.table.export_csv')),
  );
  wrapper.appendChild(toolbar);
  if (rows.length === 0) {
    wrapper.appendChild(h('p', { class: 'empty' }, empty || t('console.table.empty')));
  } else {
    wrapper.appendChild(h('div', { class: 'table-scroll' }, tableEl));
    wrapper.appendChild(pagerSlot);
    renderPage();
  }
  count.textContent = t('console.table.count', { count: String(rows.length) });
  wrapper.selectedRows = selectedRowsList;
  wrapper.clearSelection = () => {
    selected.clear();
    if (rows.length) renderPage();
    notify();
  };
  wrapper.exportCsv = exportCsv;
  return wrapper;
}

// ---------- form ----------

// A form whose refusals show where they belong.
//   fields: [{name, label, type: text|number|date|password|select|textarea|
//             checkbox|file|hidden, id (default "f-<name>"), value,
//             options: [{value, label}], required, hint, paths: [violation
//             field paths this field answers for; default [name]], attrs}]
//   submitLabel, submitTest (data-test of the button), onSubmit(values, api)
//   where values maps name -> value (checkbox: boolean; number: string as
//   typed) and api = {setError(message), clearErrors(), form}.
// When onSubmit throws, each violation {field, description} is shown under
// the field whose path matches (exactly, or as the end of the path:
// "visit.date" matches a field with path "date"); the rest and the message
// go to [data-test=form-error]. What the user typed stays.
export function form({ fields, submitLabel, submitTest = 'submit', onSubmit, cancelLabel, onCancel, className = '' }) {
  const formEl = h('form', { class: `form ${className}`.trim(), novalidate: true });
  const general = h('div', { class: 'form-error', role: 'alert', 'data-test': 'form-error', hidden: true });
  formEl.appendChild(general);
  const entries = [];

  for (const field of fields) {
    const id = field.id || `f-${field.name}`;
    const errorId = `${id}-error`;
    const hintId = field.hint ? `${id}-hint` : null;
    const described = [hintId, errorId].filter(Boolean).join(' ');
    const common = { id, name: field.name, 'aria-describedby': described, required: field.required, ...(field.attrs || {}) };
    let input;
    if (field.type === 'select') {
      input = h(
        'select',
        common,
        (field.options || []).map((o) => h('option', { value: o.value, selected: String(o.value) === String(field.value ?? '') }, o.label)),
      );
    } else if (field.type === 'textarea') {
      input = h('textarea', { ...common, rows: field.rows || 3 });
      input.value = field.value ?? '';
    } else if (field.type === 'checkbox') {
      input = h('input', { ...common, type: 'checkbox', checked: Boolean(field.value) });
    } else {
      input = h('input', { ...common, type: field.type || 'text', value: field.value ?? '' });
    }
    const error = h('div', { class: 'field-error', id: errorId, 'data-test': `error-${field.name}`, hidden: true });
    const label = h('label', { for: id }, field.label, field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null);
    const wrapper =
      field.type === 'hidden'
        ? input
        : h(
            'div',
            { class: `field field-${field.type || 'text'}` },
            field.type === 'checkbox' ? [input, label] : [label, input],
            hintId ? h('div', { class: 'hint', id: hintId }, field.hint) : null,
            error,
          );
    formEl.appendChild(wrapper);
    entries.push({ field, input, error, paths: field.paths || [field.name] });
  }

  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': submitTest }, submitLabel);
  formEl.appendChild(
    h(
      'div',
      { class: 'form-actions' },
      submit,
      onCancel ? h('button', { type: 'button', class: 'secondary', 'data-test': 'cancel', onclick: onCancel }, cancelLabel || t('console.action.cancel')) : null,
    ),
  );

  function clearErrors() {
    general.hidden = true;
    general.textContent = '';
    for (const entry of entries) {
      entry.error.hidden = true;
      entry.error.textContent = '';
      entry.input.removeAttribute('aria-invalid');
    }
  }

  function setError(message) {
    general.textContent = message;
    general.hidden = !message;
  }

  // "model.residential_groups[1]" is the field residential_groups too.
  function matches(entry, path) {
    return entry.paths.some(
      (p) => path === p || path.endsWith(`.${p}`) || path.endsWith(`]${p}`) || p.endsWith(`.${path}`) || path.startsWith(`${p}[`) || path.includes(`.${p}[`),
    );
  }

  function showError(err) {
    const unplaced = [];
    const violations = (err && err.violations) || [];
    let first = null;
    for (const v of violations) {
      const entry = entries.find((e) => matches(e, v.field || ''));
      if (!entry) {
        unplaced.push(v.description);
        continue;
      }
      entry.error.textContent = entry.error.textContent ? `${entry.error.textContent}; ${v.description}` : v.description;
      entry.error.hidden = false;
      entry.input.setAttribute('aria-invalid', 'true');
      if (!first) first = entry.input;
    }
    const message = (err && err.message) || t('console.error.generic');
    setError([message, ...unplaced].filter(Boolean).join(' — '));
    (first || general).focus?.();
  }

  function values() {
    const out = {};
    for (const { field, input } of entries) {
      if (field.type === 'checkbox') out[field.name] = input.checked;
      else if (field.type === 'file') out[field.name] = input.files ? input.files[0] : null;
      else out[field.name] = input.value;
    }
    return out;
  }

  general.tabIndex = -1;
  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    submit.disabled = true;
    try {
      await onSubmit(values(), { setError, clearErrors, form: formEl, showError });
    } catch (err) {
      showError(err);
    } finally {
      submit.disabled = false;
    }
  });
  formEl.values = values;
  formEl.showError = showError;
  formEl.clearErrors = clearErrors;
  return formEl;
}

// ---------- confirm ----------

// A modal question; resolves true when confirmed.
export function confirm({ title, message, confirmLabel, cancelLabel }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' });
    const done = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.append(
      h('h2', { id: 'confirm-title' }, title || t('console.confirm.title')),
      message ? h('p', {}, message) : null,
      h(
        'div',
        { class: 'form-actions' },
        h('button', { type: 'button', class: 'primary', 'data-test': 'confirm-yes', onclick: () => done(true) }, confirmLabel || t('console.confirm.yes')),
        h('button', { type: 'button', class: 'secondary', 'data-test': 'confirm-no', onclick: () => done(false) }, cancelLabel || t('console.action.cancel')),
      ),
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      done(false);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

// ---------- definition lists ----------

// [[label, value], ...] as a <dl>; empty values are left out.
export function facts(pairs, { className = '' } = {}) {
  return h(
    'dl',
    { class: `facts ${className}`.trim() },
    pairs
      .filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value))),
  );
}

// ---------- chart ----------

// The smallest round top of the axis (steps of 1, 2, 2.5 or 5 times a power
// of ten) that holds `value` in `ticks` steps.
function niceCeiling(value, ticks) {
  const rough = value / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough);
  return step * ticks;
}

const SERIES_CLASSES = ['series-0', 'series-1', 'series-2', 'series-3', 'series-4', 'series-5'];

// A small line chart. series: [{label, points: [{x: '2016', y: 4.2}], target}]
// (target: an optional horizontal dashed line). opts: {title, yFormat(y),
// height}. The figures are also given as a table for screen readers.
export function lineChart(series, { title = '', yFormat = (y) => String(y), width = 640, height = 260 } = {}) {
  const margin = { top: 16, right: 16, bottom: 32, left: 56 };
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => String(p.x))))].sort();
  const ys = series.flatMap((s) => [...s.points.map((p) => Number(p.y)), ...(s.target !== undefined ? [Number(s.target)] : [])]).filter(Number.isFinite);
  const ticks = 4;
  const maxY = niceCeiling(Math.max(1, ...ys), ticks);
  const innerW = width - margin.left - margin.right;
  const innerH = height - margin.top - margin.bottom;
  const xAt = (x) => margin.left + (xs.length <= 1 ? innerW / 2 : (xs.indexOf(String(x)) * innerW) / (xs.length - 1));
  const yAt = (y) => margin.top + innerH - (Number(y) / maxY) * innerH;

  const svg = h('svg:svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title, preserveAspectRatio: 'xMidYMid meet' });
  if (title) svg.appendChild(h('svg:title', {}, title));
  for (let i = 0; i <= ticks; ++i) {
    const value = (maxY * i) / ticks;
    const y = yAt(value);
    svg.appendChild(h('svg:line', { x1: margin.left, x2: width - margin.right, y1: y, y2: y, class: 'grid' }));
    svg.appendChild(h('svg:text', { x: margin.left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, yFormat(Math.round(value * 100) / 100)));
  }
  const step = Math.max(1, Math.ceil(xs.length / 8));
  xs.forEach((x, i) => {
    if (i % step !== 0 && i !== xs.length - 1) return;
    svg.appendChild(h('svg:text', { x: xAt(x), y: height - 10, 'text-anchor': 'middle', class: 'axis' }, x));
  });
  series.forEach((s, index) => {
    const cls = SERIES_CLASSES[index % SERIES_CLASSES.length];
    if (s.target !== undefined && Number.isFinite(Number(s.target))) {
      svg.appendChild(h('svg:line', { x1: margin.left, x2: width - margin.right, y1: yAt(s.target), y2: yAt(s.target), class: `target ${cls}` }));
    }
    const points = s.points.filter((p) => Number.isFinite(Number(p.y)));
    if (points.length > 1) {
      const d = points.map((p, i) => `${i ? 'L' : 'M'}${xAt(p.x).toFixed(1)},${yAt(p.y).toFixed(1)}`).join(' ');
      svg.appendChild(h('svg:path', { d, class: `line ${cls}` }));
    }
    for (const p of points) {
      svg.appendChild(h('svg:circle', { cx: xAt(p.x), cy: yAt(p.y), r: 3.5, class: `dot ${cls}` }, h('svg:title', {}, `${s.label} ${p.x}: ${yFormat(p.y)}`)));
    }
  });
  const legend = h(
    'ul',
    { class: 'chart-legend' },
    series.map((s, index) => h('li', {}, h('span', { class: `swatch ${SERIES_CLASSES[index % SERIES_CLASSES.length]}`, 'aria-hidden': 'true' }), s.label)),
  );
  // A wrapper hides it: a table's own box grows with its content.
  const dataTable = h(
    'div',
    { class: 'visually-hidden' },
    h(
    'table',
    {},
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('console.chart.series')), xs.map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      {},
      series.map((s) =>
        h('tr', {}, h('th', { scope: 'row' }, s.label), xs.map((x) => {
          const p = s.points.find((q) => String(q.x) === x);
          return h('td', {}, p ? yFormat(p.y) : '');
        })),
      ),
    ),
    ),
  );
  return h('figure', { class: 'chart-figure' }, svg, legend, dataTable);
}

// ---------- step chart (Kaplan–Meier curves) ----------

// The corners of a step function that starts at (0, 0) and jumps at each
// step to its value, which holds until the next step: [[x, y], ...] in data
// units. `value(step)` picks the value (the estimate, or an end of its
// interval; a step without that end keeps the estimate).
export function stepVertices(steps, value = (s) => s.y) {
  const out = [[0, 0]];
  let level = 0;
  for (const step of steps) {
    const x = Number(step.x);
    const v = value(step);
    const next = Number.isFinite(Number(v)) && v !== null && v !== undefined ? Number(v) : Number(step.y);
    out.push([x, level]);
    out.push([x, next]);
    level = next;
  }
  return out;
}

// The confidence band of a step function as one closed polygon: along the
// upper ends, then back along the lower ones.
export function stepBandVertices(steps) {
  const upper = stepVertices(steps, (s) => s.upper);
  const lower = stepVertices(steps, (s) => s.lower);
  return [...upper, ...lower.reverse()];
}

function pathOf(vertices, xAt, yAt, close = false) {
  const d = vertices.map(([x, y], i) => `${i ? 'L' : 'M'}${xAt(x).toFixed(1)},${yAt(y).toFixed(1)}`).join(' ');
  return close ? `${d} Z` : d;
}

// Curves that rise in steps, each with its confidence band: the share of
// households that escaped poverty by each month after their support.
//   series: [{label, steps: [{x, y, lower, upper, detail}]}], x ascending;
//           `detail` (optional) is a column of the table alternative.
//   opts: {title, xTitle, yTitle, xFormat, yFormat, yTickFormat (the
//          axis's; yFormat by default), maxY (default 100),
//          detailHeader, tableLabel, width (of the drawing, 640: a phone's
//          page passes its own so that the words keep their size)}
// The SVG is an image with its title; the same figures are in a table
// under a disclosure, for anyone who would rather read them.
export function stepChart(series, { title = '', xTitle = '', yTitle = '', xFormat = (x) => String(x), yFormat = (y) => String(y), yTickFormat = yFormat, maxY = 100, detailHeader = '', tableLabel = '', width = 640 } = {}) {
  const height = width < 480 ? 260 : 300;
  const margin = { top: 16, right: 16, bottom: 48, left: 64 };
  const innerW = width - margin.left - margin.right;
  const innerH = height - margin.top - margin.bottom;
  const xs = series.flatMap((s) => s.steps.map((p) => Number(p.x))).filter(Number.isFinite);
  const ticks = 4;
  const maxX = niceCeiling(Math.max(1, ...xs), ticks);
  const xAt = (x) => margin.left + (Number(x) / maxX) * innerW;
  const yAt = (y) => margin.top + innerH - (Math.min(Number(y), maxY) / maxY) * innerH;
  const titleId = uniqueId('chart-title');

  const svg = h('svg:svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart step-chart', role: 'img', 'aria-labelledby': titleId, preserveAspectRatio: 'xMidYMid meet', 'data-test': 'step-chart' });
  svg.appendChild(h('svg:title', { id: titleId }, title));
  for (let i = 0; i <= ticks; ++i) {
    const value = (maxY * i) / ticks;
    svg.appendChild(h('svg:line', { x1: margin.left, x2: width - margin.right, y1: yAt(value), y2: yAt(value), class: 'grid' }));
    svg.appendChild(h('svg:text', { x: margin.left - 6, y: yAt(value) + 4, 'text-anchor': 'end', class: 'axis' }, yTickFormat(value)));
    const month = (maxX * i) / ticks;
    svg.appendChild(h('svg:text', { x: xAt(month), y: height - 28, 'text-anchor': 'middle', class: 'axis' }, xFormat(month)));
  }
  if (xTitle) svg.appendChild(h('svg:text', { x: margin.left + innerW / 2, y: height - 8, 'text-anchor': 'middle', class: 'axis axis-title' }, xTitle));
  if (yTitle) svg.appendChild(h('svg:text', { x: 12, y: margin.top + innerH / 2, 'text-anchor': 'middle', class: 'axis axis-title', transform: `rotate(-90 12 ${margin.top + innerH / 2})` }, yTitle));
  series.forEach((s, index) => {
    const cls = SERIES_CLASSES[index % SERIES_CLASSES.length];
    if (!s.steps.length) return;
    svg.appendChild(h('svg:path', { d: pathOf(stepBandVertices(s.steps), xAt, yAt, true), class: `band ${cls}`, 'data-test': 'step-band' }));
    svg.appendChild(h('svg:path', { d: pathOf(stepVertices(s.steps), xAt, yAt), class: `line ${cls}`, 'data-test': 'step-line' }));
    const last = s.steps[s.steps.length - 1];
    svg.appendChild(h('svg:circle', { cx: xAt(last.x), cy: yAt(last.y), r: 3.5, class: `dot ${cls}` }, h('svg:title', {}, `${s.label}: ${xFormat(last.x)}, ${yFormat(last.y)}`)));
  });
  const legend = h(
    'ul',
    { class: 'chart-legend' },
    series.map((s, index) => h('li', {}, h('span', { class: `swatch ${SERIES_CLASSES[index % SERIES_CLASSES.length]}`, 'aria-hidden': 'true' }), s.label)),
  );
  const rows = series.flatMap((s) => s.steps.map((p) => ({ s, p })));
  const dataTable = h(
    'details',
    { class: 'chart-table' },
    h('summary', {}, tableLabel || t('console.chart.show_table')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'list' },
        h('caption', {}, title),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('console.chart.series')),
            h('th', { scope: 'col' }, xTitle),
            h('th', { scope: 'col' }, yTitle),
            detailHeader ? h('th', { scope: 'col' }, detailHeader) : null,
          ),
        ),
        h(
          'tbody',
          {},
          rows.map(({ s, p }) =>
            h(
              'tr',
              {},
              h('td', { 'data-label': t('console.chart.series') }, s.label),
              h('td', { 'data-label': xTitle }, xFormat(p.x)),
              h('td', { 'data-label': yTitle }, yFormat(p.y)),
              detailHeader ? h('td', { 'data-label': detailHeader }, p.detail || null) : null,
            ),
          ),
        ),
      ),
    ),
  );
  return h('figure', { class: 'chart-figure' }, svg, legend, dataTable);
}

// ---------- range chart (quartiles) ----------

// For each row, one or more ranges drawn as a box from the first to the
// third quartile with the median marked: income before and after support.
//   rows: [{label, ranges: [{name, q1, median, q3}]}] (the same names in
//         every row, in the same order: they are the legend)
//   opts: {title, format(value), tableLabel, width (of the drawing)}
export function rangeChart(rows, { title = '', format = (v) => String(v), tableLabel = '', width = 560 } = {}) {
  const rangeNames = rows.length ? rows[0].ranges.map((r) => r.name) : [];
  const bar = 14;
  const rowHeight = 22 + rangeNames.length * (bar + 6);
  const margin = { top: 8, right: 16, bottom: 28, left: 16 };
  const height = margin.top + rows.length * rowHeight + margin.bottom;
  const values = rows.flatMap((r) => r.ranges.flatMap((x) => [Number(x.q3), Number(x.median)])).filter(Number.isFinite);
  const ticks = 4;
  const maxX = niceCeiling(Math.max(1, ...values), ticks);
  const innerW = width - margin.left - margin.right;
  const xAt = (x) => margin.left + (Number(x) / maxX) * innerW;
  const titleId = uniqueId('chart-title');
  const svg = h('svg:svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart range-chart', role: 'img', 'aria-labelledby': titleId, preserveAspectRatio: 'xMidYMid meet', 'data-test': 'range-chart' });
  svg.appendChild(h('svg:title', { id: titleId }, title));
  const bottom = margin.top + rows.length * rowHeight;
  for (let i = 0; i <= ticks; ++i) {
    const value = (maxX * i) / ticks;
    svg.appendChild(h('svg:line', { x1: xAt(value), x2: xAt(value), y1: margin.top, y2: bottom, class: 'grid' }));
    svg.appendChild(h('svg:text', { x: xAt(value), y: bottom + 18, 'text-anchor': i === 0 ? 'start' : i === ticks ? 'end' : 'middle', class: 'axis' }, format(value)));
  }
  rows.forEach((row, r) => {
    const top = margin.top + r * rowHeight;
    svg.appendChild(h('svg:text', { x: margin.left, y: top + 14, class: 'axis row-label' }, row.label));
    row.ranges.forEach((range, i) => {
      const cls = SERIES_CLASSES[i % SERIES_CLASSES.length];
      const y = top + 22 + i * (bar + 6);
      const x1 = xAt(range.q1);
      const x3 = xAt(range.q3);
      svg.appendChild(
        h('svg:rect', { x: x1, y, width: Math.max(2, x3 - x1), height: bar, class: `box ${cls}` },
          h('svg:title', {}, `${row.label}, ${range.name}: ${format(range.q1)} – ${format(range.median)} – ${format(range.q3)}`)),
      );
      svg.appendChild(h('svg:line', { x1: xAt(range.median), x2: xAt(range.median), y1: y - 2, y2: y + bar + 2, class: 'median' }));
    });
  });
  const legend = h(
    'ul',
    { class: 'chart-legend' },
    rangeNames.map((name, index) => h('li', {}, h('span', { class: `swatch ${SERIES_CLASSES[index % SERIES_CLASSES.length]}`, 'aria-hidden': 'true' }), name)),
  );
  const dataTable = h(
    'details',
    { class: 'chart-table' },
    h('summary', {}, tableLabel || t('console.chart.show_table')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'list' },
        h('caption', {}, title),
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, t('console.chart.series')), h('th', { scope: 'col' }, t('console.chart.range')),
            h('th', { scope: 'col' }, t('console.chart.q1')), h('th', { scope: 'col' }, t('console.chart.median')), h('th', { scope: 'col' }, t('console.chart.q3'))),
        ),
        h(
          'tbody',
          {},
          rows.flatMap((row) =>
            row.ranges.map((range) =>
              h(
                'tr',
                {},
                h('td', { 'data-label': t('console.chart.series') }, row.label),
                h('td', { 'data-label': t('console.chart.range') }, range.name),
                h('td', { 'data-label': t('console.chart.q1') }, format(range.q1)),
                h('td', { 'data-label': t('console.chart.median') }, format(range.median)),
                h('td', { 'data-label': t('console.chart.q3') }, format(range.q3)),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  return h('figure', { class: 'chart-figure' }, svg, legend, dataTable);
}
