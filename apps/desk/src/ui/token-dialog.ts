import type { TokenPrompt } from '../api/session-fetch';
import { el, uniqueId } from './dom';

/**
 * Asks the clerk for the API's bearer token in a modal dialog. The token goes back to the session, which keeps it in
 * memory only: closing the tab forgets it.
 */
export function tokenDialog(): TokenPrompt {
  const inputId = uniqueId('token');
  const heading = el('h2', { id: uniqueId('token-heading') }, 'API token');
  const hint = el('p', { id: uniqueId('token-hint') });
  const input = el('input', { id: inputId, name: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': hint.id });
  const form = el(
    'form',
    { method: 'dialog' },
    heading,
    hint,
    el('div', { class: 'field' }, el('label', { for: inputId }, 'Token'), input),
    el('div', { class: 'actions' }, el('button', { type: 'submit', value: 'use' }, 'Use token'), el('button', { type: 'submit', value: 'cancel', class: 'secondary', formnovalidate: true }, 'Cancel')),
  );
  const dialog = el('dialog', { class: 'token-dialog', 'aria-labelledby': heading.id }, form);
  document.body.append(dialog);
  let pending: Promise<string | undefined> | undefined;

  return (rejected) =>
    (pending ??= new Promise<string | undefined>((resolve) => {
      hint.textContent = rejected
        ? 'The API did not accept that token. Enter the token again.'
        : 'This API asks for a token (API_TOKEN). It is kept in this tab\'s memory only.';
      input.value = '';
      dialog.returnValue = '';
      dialog.addEventListener(
        'close',
        () => {
          pending = undefined;
          resolve(dialog.returnValue === 'use' && input.value !== '' ? input.value : undefined);
        },
        { once: true },
      );
      dialog.showModal();
      input.focus();
    }));
}
