/**
 * Forms with `data-confirm` ask first, in an accessible <dialog>
 * (focus moves to Cancel; Escape cancels). Without JavaScript the form posts directly.
 */
export function installConfirms(): void {
  const dialog = document.getElementById('confirm-dialog') as HTMLDialogElement | null;
  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target as HTMLFormElement;
      const question = form.dataset.confirm;
      if (!question || form.dataset.confirmed === 'yes') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (!dialog || typeof dialog.showModal !== 'function') {
        if (window.confirm(question)) submitConfirmed(form);
        return;
      }
      dialog.querySelector('#confirm-text')!.textContent = question;
      dialog.returnValue = '';
      dialog.showModal();
      (dialog.querySelector('button[value="cancel"]') as HTMLButtonElement | null)?.focus();
      dialog.addEventListener(
        'close',
        () => {
          if (dialog.returnValue === 'ok') submitConfirmed(form);
        },
        { once: true },
      );
    },
    true,
  );
}

function submitConfirmed(form: HTMLFormElement): void {
  form.dataset.confirmed = 'yes';
  form.requestSubmit();
}
