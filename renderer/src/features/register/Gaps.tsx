import type { Completeness } from '../../../../core/register/completeness';

/** What the law still requires of this record, each gap with its citation. */
export function Gaps({ completeness, onLinkRecipient }: { completeness: Completeness; onLinkRecipient?: (recipient: string) => void }) {
  if (!completeness.gaps.length) {
    return (
      <section className="gaps gaps-none" aria-label="What the law still requires">
        Nothing missing: all {completeness.checks} checks pass.
      </section>
    );
  }
  return (
    <section className="gaps" aria-label="What the law still requires">
      <h3>
        Still required ({completeness.gaps.length} of {completeness.checks} checks)
      </h3>
      <ul>
        {completeness.gaps.map((gap, index) => (
          <li key={index}>
            <span className="gap-citation">{gap.citation.replace('GDPR ', '')}</span> {gap.message}
            {gap.recipient && onLinkRecipient ? (
              <>
                {' '}
                <button type="button" className="link" onClick={() => onLinkRecipient(gap.recipient!)}>
                  Link “{gap.recipient}” as a vendor
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
