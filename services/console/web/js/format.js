// How the console shows numbers, money, dates and names. Vietnamese first
// (1.500.000 ₫, 10/12/2025 14:03); English groups with commas and writes
// "VND", as the services' catalogs do (services/i18n/number_format.cc).
// Dates are dd/mm/yyyy in both languages; times are the ward's (UTC+7).

import { language } from './i18n.js';

const WARD_OFFSET_MS = 7 * 60 * 60 * 1000;

function separators() {
  return language() === 'vi' ? { thousands: '.', decimal: ',' } : { thousands: ',', decimal: '.' };
}

function groupDigits(digits) {
  const { thousands } = separators();
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
}

function pad(n) {
  return String(n).padStart(2, '0');
}

// An integer (int64 arrives as a string) or a decimal, thousands grouped.
export function number(n, maxDecimals = 2) {
  if (n === null || n === undefined || n === '') return '';
  const text = String(n).trim();
  if (/^-?\d+$/.test(text)) {
    const negative = text.startsWith('-');
    return (negative ? '-' : '') + groupDigits(negative ? text.slice(1) : text);
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  const fixed = Math.abs(value).toFixed(maxDecimals);
  let [whole, fraction = ''] = fixed.split('.');
  fraction = fraction.replace(/0+$/, '');
  const negative = value < 0 && (whole !== '0' || fraction !== '');
  return (negative ? '-' : '') + groupDigits(whole) + (fraction ? separators().decimal + fraction : '');
}

export function decimal(n) {
  return number(n, 2);
}

// A percentage with two decimals: 4,10%.
export function percent(n) {
  if (n === null || n === undefined || n === '') return '';
  const value = Number(n);
  if (!Number.isFinite(value)) return String(n);
  return value.toFixed(2).replace('.', separators().decimal) + '%';
}

// An amount in đồng.
export function money(dong) {
  if (dong === null || dong === undefined || dong === '') return '';
  const integer = String(dong).trim().replace(/\.0+$/, '');
  return number(integer) + (language() === 'vi' ? ' ₫' : ' VND');
}

// The ward's wall clock of a timestamp: {year, month, day, hour, minute}.
function wardClock(timestamp) {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return null;
  const ward = new Date(ms + WARD_OFFSET_MS);
  return {
    year: ward.getUTCFullYear(),
    month: ward.getUTCMonth() + 1,
    day: ward.getUTCDate(),
    hour: ward.getUTCHours(),
    minute: ward.getUTCMinutes(),
  };
}

function isEpoch(text) {
  return text.startsWith('1970-01-01T00:00:00');
}

// "2025-12-10" -> "10/12/2025"; an RFC 3339 timestamp -> its ward date; a
// ward time "2025-12-10 14:03" keeps its time. Anything else as given.
export function date(iso) {
  if (!iso) return '';
  const text = String(iso);
  const plain = /^(\d{4})-(\d{2})-(\d{2})( \d{2}:\d{2}(:\d{2})?)?$/.exec(text);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}${plain[4] || ''}`;
  if (text.includes('T')) {
    if (isEpoch(text)) return '';
    const clock = wardClock(text);
    if (clock) return `${pad(clock.day)}/${pad(clock.month)}/${clock.year}`;
  }
  return text;
}

// An RFC 3339 timestamp -> "10/12/2025 14:03" in ward time (24-hour).
export function dateTime(ts) {
  if (!ts) return '';
  const text = String(ts);
  if (isEpoch(text)) return '';
  if (!text.includes('T')) return date(text);
  const clock = wardClock(text);
  if (!clock) return text;
  return `${pad(clock.day)}/${pad(clock.month)}/${clock.year} ${pad(clock.hour)}:${pad(clock.minute)}`;
}

// Today's date in the ward, ISO "YYYY-MM-DD" (for date inputs' defaults).
export function wardToday(now = Date.now()) {
  const ward = new Date(now + WARD_OFFSET_MS);
  return `${ward.getUTCFullYear()}-${pad(ward.getUTCMonth() + 1)}-${pad(ward.getUTCDate())}`;
}

// A person's name as recorded: Vietnamese names are written family name
// first ("Nguyễn Thị Hương") and are never reordered or split.
export function personName(name) {
  if (!name) return '';
  return String(name).normalize('NFC').replace(/\s+/g, ' ').trim();
}
