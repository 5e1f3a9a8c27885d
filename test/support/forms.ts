import type { Locator } from 'playwright-core';

/**
 * What a form says is wrong with a control, read as assistive technology reads it: the text the
 * control's aria-describedby names, when the control is marked invalid. Null when it is not marked
 * invalid; an Error when it is marked invalid without a description (a problem no one is told).
 */
export async function problemBeside(control: Locator): Promise<string | null> {
  if ((await control.getAttribute('aria-invalid')) !== 'true') return null;
  const id = await control.getAttribute('aria-describedby');
  if (!id) throw new Error('the control is marked invalid but nothing describes its problem');
  return control.page().locator(`[id="${id}"]`).textContent();
}
