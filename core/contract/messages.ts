/** Messages for people: field paths and failures as a DPO reads them. */

const acronyms: Record<string, string> = { dpa: 'DPA', dpia: 'DPIA', lia: 'LIA', dpo: 'DPO', id: 'ID', eu: 'EU' };

/** "changes.transfers.0.country" as "Transfer 1, country": a field path as a person reads it. */
export function describeField(path: string): string {
  const parts: string[] = [];
  for (const segment of path.split('.').filter((entry) => entry !== 'changes')) {
    if (/^\d+$/.test(segment)) {
      const previous = parts.pop() ?? '';
      parts.push(`${previous.replace(/ies$/, 'y').replace(/s$/, '')} ${Number(segment) + 1},`);
      continue;
    }
    parts.push(
      segment
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .split(' ')
        .map((word) => acronyms[word] ?? word)
        .join(' '),
    );
  }
  const text = parts.join(' ').replace(/,$/, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A failure's message with its field paths written for people ("Transfer 1, country: …"), every problem of it. */
export function readableMessage(error: { message: string; field?: string | undefined; problems?: Array<{ field: string; message: string }> | undefined }): string {
  if (error.problems && error.problems.length > 1) {
    return error.problems.map((problem) => (problem.field ? `${describeField(problem.field)}: ${problem.message}` : problem.message)).join('; ');
  }
  if (!error.field || !error.message.startsWith(`${error.field}: `)) return error.message;
  return `${describeField(error.field)}: ${error.message.slice(error.field.length + 2)}`;
}

/** Every problem of a failure, each with its field (a failure from before `problems` counts as one). */
export function problemsOf(failure: { message: string; field?: string | undefined; problems?: Array<{ field: string; message: string }> | undefined }): Array<{ field: string; message: string }> {
  if (failure.problems?.length) return failure.problems;
  const field = failure.field ?? '';
  return [{ field, message: field && failure.message.startsWith(`${field}: `) ? failure.message.slice(field.length + 2) : failure.message }];
}

/**
 * A refusal of an invalid input: the message lists every problem (first field first, as `field`
 * names it), and `problems` gives them one by one, so a form shows each beside its own field.
 */
export function invalidInput(problems: Array<{ field: string; message: string }>): { code: 'invalid-input'; message: string; field?: string; problems: Array<{ field: string; message: string }> } {
  const first = problems[0];
  if (!first) return { code: 'invalid-input', message: 'The input is not valid.', problems };
  const message = problems.map((problem) => (problem.field ? `${problem.field}: ${problem.message}` : problem.message)).join('; ');
  return first.field ? { code: 'invalid-input', message, field: first.field, problems } : { code: 'invalid-input', message, problems };
}

/** zod's issues as problems, each with its field path (under `prefix`) and what is wrong in words. */
export function problemsOfIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code?: string; keys?: readonly string[] }>, prefix = '') {
  return issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.code === 'unrecognized_keys' && issue.keys ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
}
