import type { FolioEntry } from '../api/desk-api';
import { el } from './dom';
import { dateTime, money } from './format';

const KIND: Record<FolioEntry['kind'], string> = { charge: 'Charge', payment: 'Payment', refund: 'Refund' };

/** Charges, payments and refunds in the order recorded; a payment shown as what it takes off the balance. */
export function folioTable(caption: string, entries: FolioEntry[], empty: string): HTMLElement {
  if (entries.length === 0) return el('p', { class: 'empty-folio' }, empty);
  const rows = entries.map((entry) =>
    el(
      'tr',
      { class: `folio-${entry.kind}` },
      el('td', {}, dateTime(entry.at)),
      el('th', { scope: 'row' }, KIND[entry.kind]),
      el('td', { class: 'amount' }, money(entry.kind === 'payment' ? -entry.amount : entry.amount)),
    ),
  );
  const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'When'), el('th', { scope: 'col' }, 'What'), el('th', { scope: 'col', class: 'amount' }, 'Amount')));
  return el('div', { class: 'table-wrap folio' }, el('table', {}, el('caption', {}, caption), head, el('tbody', {}, ...rows)));
}
