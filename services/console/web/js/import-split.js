// Splitting an import file in the browser into calls of at most 500
// households (the registry's batch), so that a big file shows progress and a
// broken call loses at most one batch (docs/registry.md, "Import files").
//
// CSV has one line per member and the lines of a household share a
// household_key, not necessarily on adjacent lines: a chunk is a run of whole
// records cut only where no household continues past the cut, with the
// header line repeated on top. JSON lines: one household per non-empty line.
// Every chunk keeps the file's own text, so the gateway's line numbers (the
// chunk's first data line is `firstLine`) are the file's.

export const HOUSEHOLDS_PER_CHUNK = 500;

// RFC 4180 records with where each starts: [{start, end, line, fields}]
// (`end` past the record's line break, `line` its first physical line).
export function csvRecords(textIn) {
  const text = textIn;
  const records = [];
  let fields = [];
  let field = '';
  let quoted = false;
  let start = 0;
  let line = 1;
  let startLine = 1;
  const finish = (end) => {
    fields.push(field);
    records.push({ start, end, line: startLine, fields });
    fields = [];
    field = '';
    start = end;
    startLine = line;
  };
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        ++i;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      // The \n ends the record on the next step.
    } else if (c === '\n') {
      ++line;
      finish(i + 1);
    } else field += c;
  }
  if (start < text.length) finish(text.length);
  return records;
}

function isBlank(record) {
  return record.fields.every((f) => f.trim() === '');
}

// {chunks: [{text, firstLine, households}], households, missingKeyLines,
//  keyLines: Map(key -> [lines]), lineKey: Map(line -> key)} for a CSV file.
export function splitCsv(textIn, perChunk = HOUSEHOLDS_PER_CHUNK) {
  const text = textIn.replace(/^\ufeff/, '');
  const records = csvRecords(text);
  const result = { chunks: [], households: 0, missingKeyLines: [], keyLines: new Map(), lineKey: new Map(), headerMissingKey: false };
  if (!records.length) return result;
  const header = records[0];
  const keyIndex = header.fields.map((f) => f.trim().toLowerCase()).indexOf('household_key');
  let headerText = text.slice(header.start, header.end);
  if (!headerText.endsWith('\n')) headerText += '\n';
  if (keyIndex < 0) {
    // The gateway's parser says what is wrong with the header; one call.
    result.headerMissingKey = true;
    result.chunks.push({ text, firstLine: 2, households: 0 });
    return result;
  }
  const data = records.slice(1).filter((r) => !isBlank(r));
  const last = new Map();
  data.forEach((r, i) => {
    const key = (r.fields[keyIndex] || '').trim();
    if (!key) {
      result.missingKeyLines.push(r.line);
      return;
    }
    last.set(key, i);
    if (!result.keyLines.has(key)) result.keyLines.set(key, []);
    result.keyLines.get(key).push(r.line);
    result.lineKey.set(r.line, key);
  });
  result.households = result.keyLines.size;
  let begin = 0;
  let reach = -1;
  let keys = new Set();
  data.forEach((r, i) => {
    const key = (r.fields[keyIndex] || '').trim();
    if (key) {
      keys.add(key);
      reach = Math.max(reach, last.get(key));
    }
    const lastRecord = i === data.length - 1;
    if (lastRecord || (keys.size >= perChunk && reach <= i)) {
      const first = data[begin];
      result.chunks.push({ text: headerText + text.slice(first.start, r.end), firstLine: first.line, households: keys.size });
      begin = i + 1;
      keys = new Set();
      reach = -1;
    }
  });
  return result;
}

// {chunks: [{text, firstLine, households}], households} for a JSON-lines file.
export function splitJsonLines(textIn, perChunk = HOUSEHOLDS_PER_CHUNK) {
  const text = textIn.replace(/^\ufeff/, '');
  const lines = [];
  let start = 0;
  let number = 1;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    lines.push({ start, end, line: number, blank: text.slice(start, end).trim() === '' });
    start = end;
    ++number;
  }
  const result = { chunks: [], households: 0 };
  let begin = null;
  let count = 0;
  lines.forEach((l, i) => {
    if (!l.blank) {
      if (begin === null) begin = l;
      ++count;
      ++result.households;
    }
    if (begin !== null && (count >= perChunk || i === lines.length - 1)) {
      result.chunks.push({ text: text.slice(begin.start, l.end), firstLine: begin.line, households: count });
      begin = null;
      count = 0;
    }
  });
  return result;
}

// "household.members[2].national_id" -> 2 (the member's index), or -1.
export function memberIndex(field) {
  const match = /members\[(\d+)\]/.exec(field || '');
  return match ? Number(match[1]) : -1;
}
