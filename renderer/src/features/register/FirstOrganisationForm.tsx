import { useState } from 'react';
import { workbench } from '../../bridge';
import { InlineError, readableMessage } from '../../components/common';

/** A new workspace has no organisation yet: the one field needed before the first activity (the lists showing organisations refresh on the write's change event). */
export function FirstOrganisationForm() {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="inline-form"
      aria-label="New organisation"
      onSubmit={(event) => {
        event.preventDefault();
        void workbench.createOrganisation({ name }).then((result) => {
          setError(result.ok ? null : readableMessage(result.error));
        });
      }}
    >
      <input aria-label="Organisation name" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Acme Ltd" />
      <button type="submit" className="primary">
        Add organisation
      </button>
      <InlineError message={error} />
    </form>
  );
}
