import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { get, set, useForm, useFormContext, type DefaultValues, type FieldErrors, type FieldValues, type Path, type Resolver, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import type { FieldProblem, InputOf, OperationName, OutputOf, Result, WorkbenchFailure } from '../../core/contract';
import { workbench } from './bridge';
import { describeField, problemsOf, readableMessage } from './components/common';

/**
 * Forms built on the contract (issue 19, point 9): a form validates with the zod schema of the
 * operation it sends, through react-hook-form, so what the service would refuse is said beside its
 * field before anything is sent; what the service still refuses comes back as `problems`, each
 * set on its own field. One hook sends a write (useWrite); one component shows a field's problem
 * (FieldProblemText), one lists them all (FormProblems).
 */
export function useContractForm<Schema extends z.ZodType<FieldValues, FieldValues>>(schema: Schema, defaultValues: DefaultValues<z.input<Schema>>) {
  return useWholeRecheck(
    useForm<z.input<Schema>, unknown, z.output<Schema>>({
      resolver: zodResolver(schema as never) as never,
      defaultValues,
      mode: 'onSubmit',
      reValidateMode: 'onChange',
    }),
  );
}

/**
 * Once a submit has been refused, every change checks the whole form again: a problem one field
 * raises about another (no duration mapped while billable seconds are; an agreement that expires
 * before it was signed) goes when either is put right, not only when the field it stands by changes.
 */
function useWholeRecheck<Values extends FieldValues, Output>(form: UseFormReturn<Values, unknown, Output>): UseFormReturn<Values, unknown, Output> {
  useEffect(() => {
    // Only what the user changes; asked after the change's own handlers ran (a form reset then is
    // no longer submitted, and is left without problems).
    const subscription = form.watch((_values, { type }) => {
      if (type !== 'change') return;
      setTimeout(() => {
        if (form.formState.isSubmitted) void form.trigger();
      });
    });
    return () => subscription.unsubscribe();
  }, [form]);
  return form;
}

/**
 * A write's input taken from a read model by the fields its schema names (issue 19, point 9): what
 * the read adds (ids, counts, times, derived parts) never reaches the write.
 */
export function inputFrom<Shape extends z.ZodRawShape, Model extends { [Key in keyof Shape]?: unknown }>(schema: z.ZodObject<Shape>, model: Model): { [Key in keyof Shape]: Model[Key] } {
  return Object.fromEntries(Object.keys(schema.shape).filter((key) => key in model).map((key) => [key, model[key as keyof Model]])) as never;
}

/**
 * A form whose fields are not the input itself (a list typed as lines, a number typed as text):
 * `toInput` builds the operation's input from the fields, the contract's schema checks it, and each
 * problem goes to the field `fieldOf` names for its path (by default the path itself). Submitting
 * gets the input as the schema outputs it.
 */
export function useMappedContractForm<Values extends FieldValues, Schema extends z.ZodType>(
  schema: Schema,
  defaultValues: DefaultValues<Values>,
  /**
   * The operation's input from the fields, as typed: the schema says what is wrong with it. What
   * cannot even be read (text in a number field) is refused here, by the input path it was for;
   * the schema's problem at the same path is then left out.
   */
  toInput: (values: Values, refuse: (path: string, message: string) => void) => unknown,
  fieldOf: (path: string, values: Values) => string = (path) => path,
  /** A problem's words beside its field, when the field alone does not say where (a list's line). */
  messageOf: (path: string, message: string) => string = (_path, message) => message,
) {
  const resolver: Resolver<Values, unknown, z.output<Schema>> = (values) => {
    const refused: Array<{ path: string; message: string }> = [];
    const parsed = schema.safeParse(toInput(values, (path, message) => refused.push({ path, message })));
    if (parsed.success && !refused.length) return { values: parsed.data as z.output<Schema>, errors: {} };
    const found = [
      ...refused,
      ...(parsed.success ? [] : parsed.error.issues)
        .map((issue) => ({ path: issue.path.map(String).join('.'), message: wordsOf(issue) }))
        .filter((issue) => !refused.some((entry) => entry.path === issue.path)),
    ];
    const errors: FieldErrors<Values> = {};
    for (const { path, message } of found) {
      const field = fieldOf(path, values);
      if (!get(errors, field)) set(errors, field, { type: 'invalid', message: messageOf(path, message) });
    }
    return { values: {}, errors };
  };
  return useWholeRecheck(useForm<Values, unknown, z.output<Schema>>({ resolver, defaultValues, mode: 'onSubmit', reValidateMode: 'onChange' }));
}

/**
 * zod's own words for a wrong type ("Invalid input: expected number, received string") said as a
 * person would; the schema's own words (an integer's "must be a whole number of months") kept.
 */
function wordsOf(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_type' || !issue.message.startsWith('Invalid input')) return issue.message;
  const expected = ({ number: 'a number', int: 'a whole number', string: 'text' } as Record<string, string>)[issue.expected] ?? `a ${issue.expected}`;
  return `must be ${expected}`;
}

/** Sends one write of the contract; remembers whether it runs and how it last failed. */
export function useWrite<Name extends OperationName>(name: Name) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<WorkbenchFailure | null>(null);
  const run = useCallback(
    async (input: InputOf<Name>): Promise<Result<OutputOf<Name>>> => {
      setPending(true);
      setFailure(null);
      try {
        const call = workbench[name] as unknown as (value: InputOf<Name>) => Promise<Result<OutputOf<Name>>>;
        const result = await call(input);
        if (!result.ok) setFailure(result.error);
        return result;
      } finally {
        setPending(false);
      }
    },
    [name],
  );
  return { run, pending, failure, clear: () => setFailure(null) };
}

/**
 * Puts a service refusal on the form's fields: each problem whose field the form has is shown beside
 * it; the rest (and a refusal without a field) is returned to show above the buttons. `fieldOf`
 * names the form field of an input path, as for useMappedContractForm (by default: the path
 * without the "changes." an update puts the fields under).
 */
export function applyFailure<Values extends FieldValues>(
  form: UseFormReturn<Values, unknown, unknown>,
  failure: WorkbenchFailure,
  fields: readonly string[],
  fieldOf: (path: string) => string = (path) => path.replace(/^changes\./, ''),
): string[] {
  const left: string[] = [];
  for (const problem of problemsOf(failure)) {
    const field = fieldOf(problem.field);
    const known = fields.find((name) => field === name || field.startsWith(`${name}.`));
    if (known) form.setError(known as Path<Values>, { type: 'server', message: problem.message }, { shouldFocus: left.length === 0 });
    else left.push(problem.field ? readableMessage({ field: problem.field, message: `${problem.field}: ${problem.message}` }) : problem.message);
  }
  return left;
}

/** The id of the text describing a field's problem, for the control's aria-describedby. */
export const problemId = (name: string) => `problem-${name.replace(/[^\w-]/g, '-')}`;

/** What is wrong with one field, beside it; nothing when it is fine. Reads the form's own state. */
export function FieldProblemText({ name, below }: { name: string; /** Set under its control, outside the label. */ below?: boolean }) {
  const { formState } = useFormContext();
  const message = messageAt(formState.errors, name);
  return message ? (
    // Read out through the control's aria-describedby, not as part of its name (a label holding it would otherwise name the control by its problem too).
    <span className={below ? 'field-error field-error-below' : 'field-error'} id={problemId(name)} aria-hidden="true">
      {message}
    </span>
  ) : null;
}

/**
 * Every problem of the form in one list (each also shown beside its field), and what fits no field.
 * With a `lead` ("Not saved.") a single problem is said too, for a form longer than the screen.
 */
export function FormProblems({ also = [], lead, describe = describeField }: { also?: readonly string[]; lead?: string; /** A field in the form's own words. */ describe?: (field: string) => string }) {
  const { formState } = useFormContext();
  const listed = [...flatten(formState.errors), ...also.map((message) => ({ field: '', message }))];
  const say = (problem: FieldProblem) => (problem.field ? `${describe(problem.field)}: ${problem.message}` : problem.message);
  if (!listed.length) return null;
  if (listed.length === 1 && lead)
    return (
      <div className="form-problems" role="alert">
        {lead} {say(listed[0]!)}
      </div>
    );
  // One problem is shown beside its field already; a list helps once there are several.
  if (listed.length < 2 && !also.length) return null;
  return (
    <div className="form-problems" role="alert">
      <strong>
        {lead ? `${lead} ` : ''}
        {listed.length === 1 ? 'One thing to correct' : `${listed.length} things to correct`} before saving:
      </strong>
      <ul>
        {listed.map((problem) => (
          <li key={`${problem.field}:${problem.message}`}>{say(problem)}</li>
        ))}
      </ul>
    </div>
  );
}

/** aria attributes for a control whose field may have a problem. */
export function describedBy(form: { formState: { errors: FieldValues } }, name: string) {
  const invalid = Boolean(messageAt(form.formState.errors, name));
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? problemId(name) : undefined } as const;
}

function messageAt(errors: FieldValues, name: string): string | null {
  const entry = get(errors, name) as { message?: unknown; root?: { message?: unknown } } | undefined;
  const message = entry?.message ?? entry?.root?.message;
  if (typeof message === 'string' && message) return message;
  // A list's problems sit on its entries (purposes.1): shown together beside the list.
  // A list's or a group's problems sit on its entries (purposes.1, affected.0.count): shown together beside it.
  if (entry && typeof entry === 'object') {
    const entries = flatten(entry as FieldValues).map((problem) => problem.message);
    return entries.length ? [...new Set(entries)].join('; ') : null;
  }
  return null;
}

function flatten(errors: FieldValues, prefix = ''): FieldProblem[] {
  const found: FieldProblem[] = [];
  for (const [key, entry] of Object.entries(errors)) {
    if (!entry || typeof entry !== 'object') continue;
    const path = key === 'root' ? prefix : prefix ? `${prefix}.${key}` : key;
    const message = (entry as { message?: unknown }).message;
    if (typeof message === 'string' && message) found.push({ field: path, message });
    else if (key !== 'ref') found.push(...flatten(entry as FieldValues, path));
  }
  return found;
}
