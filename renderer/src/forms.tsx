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
 * Once a submit has been refused by the form's own check, every change checks the whole form
 * again: a problem one field raises about another (no duration mapped while billable seconds are;
 * an agreement that expires before it was signed) goes when either is put right, not only when the
 * field it stands by changes. What the service refused stays until its own field changes.
 */
function useWholeRecheck<Values extends FieldValues, Output>(form: UseFormReturn<Values, unknown, Output>): UseFormReturn<Values, unknown, Output> {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = form.watch((_values, { name }) => {
      // A reset names no field: the form starts again without problems.
      if (!name) return;
      clearTimeout(timer);
      // Asked after the change's own handlers ran, from the form's present state (not the last render's).
      timer = setTimeout(() => {
        const state = form.control._formState;
        if (!state.isSubmitted || state.isSubmitSuccessful) return;
        const touches = (path: string) => path === name || path.startsWith(`${name}.`) || name.startsWith(`${path}.`);
        const kept = problemsIn(state.errors).filter((problem) => problem.type === 'server' && !touches(problem.field));
        void form.trigger().then(() => {
          for (const problem of kept)
            if (!get(form.control._formState.errors, problem.field)) form.setError(problem.field as Path<Values>, { type: 'server', message: problem.message });
        });
      });
    });
    return () => {
      clearTimeout(timer);
      subscription.unsubscribe();
    };
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
 * One write sent from a form: a refusal is put on the form's fields (`fields`, `fieldOf` as for
 * applyFailure) and what fits none is kept in `left` for FormProblems; each send starts afresh.
 */
export function useFormWrite<Name extends OperationName, Values extends FieldValues, Output>(
  name: Name,
  form: UseFormReturn<Values, unknown, Output>,
  fields: readonly string[],
  fieldOf?: (path: string) => string,
) {
  const write = useWrite(name);
  const [left, setLeft] = useState<string[]>([]);
  const send = async (input: InputOf<Name>): Promise<Result<OutputOf<Name>>> => {
    setLeft([]);
    const result = await write.run(input);
    if (!result.ok) setLeft(applyFailure(form as UseFormReturn<Values, unknown, unknown>, result.error, fields, fieldOf));
    return result;
  };
  return { send, left, pending: write.pending };
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
  let focused = false;
  for (const problem of problemsOf(failure)) {
    const field = fieldOf(problem.field);
    // Set at its own path (a row's field keeps its row), the keyboard taken to the first only.
    if (fields.some((name) => field === name || field.startsWith(`${name}.`))) {
      // Only a registered control can take the keyboard (an id or a row editor's value cannot).
      const focusable = Boolean(get(form.control._fields, field));
      form.setError(field as Path<Values>, { type: 'server', message: problem.message }, { shouldFocus: !focused && focusable });
      focused ||= focusable;
    } else left.push(problem.field ? readableMessage({ field: problem.field, message: `${problem.field}: ${problem.message}` }) : problem.message);
  }
  return left;
}

/** Each form's own prefix for its problems' ids: two forms on one page never share an id. */
const formKeys = new WeakMap<object, string>();
let formsSeen = 0;
const formKey = (control: object) => {
  let key = formKeys.get(control);
  if (!key) formKeys.set(control, (key = `f${++formsSeen}`));
  return key;
};

/** The id of the text describing a field's problem, for the control's aria-describedby. */
const problemId = (control: object, name: string) => `${formKey(control)}-problem-${name.replace(/[^\w-]/g, '-')}`;

/** The fields of each form whose problem is shown beside them (a FieldProblemText is in the page). */
const shownBeside = new WeakMap<object, Map<string, number>>();

/** What is wrong with one field, beside it; nothing when it is fine. Reads the form's own state. */
export function FieldProblemText({ name, below }: { name: string; /** Set under its control, outside the label. */ below?: boolean }) {
  const { formState, control } = useFormContext();
  useEffect(() => {
    const shown = shownBeside.get(control) ?? new Map<string, number>();
    shownBeside.set(control, shown);
    shown.set(name, (shown.get(name) ?? 0) + 1);
    return () => {
      shown.set(name, (shown.get(name) ?? 1) - 1);
    };
  }, [control, name]);
  const message = messageAt(formState.errors, name);
  return message ? (
    <span className={below ? 'field-error field-error-below' : 'field-error'} id={problemId(control, name)}>
      {message}
    </span>
  ) : null;
}

/**
 * Every problem of the form in one list (each also shown beside its field), and what fits no field.
 * With a `lead` ("Not saved.") a single problem is said too, for a form longer than the screen.
 */
export function FormProblems({ also = [], lead, describe = describeField }: { also?: readonly string[]; lead?: string; /** A field in the form's own words. */ describe?: (field: string) => string }) {
  const { formState, control } = useFormContext();
  const listed = [...flatten(formState.errors), ...also.map((message) => ({ field: '', message }))];
  const say = (problem: FieldProblem) => (problem.field ? `${describe(problem.field)}: ${problem.message}` : problem.message);
  if (!listed.length) return null;
  // A problem whose field shows no problem text (an id, a choice the form makes itself) is said here, never nowhere.
  const shown = [...(shownBeside.get(control) ?? new Map<string, number>())].filter(([, count]) => count > 0).map(([name]) => name);
  const unshown = listed.filter((problem) => !problem.field || !shown.some((name) => problem.field === name || problem.field.startsWith(`${name}.`)));
  if (listed.length === 1 && (lead || unshown.length))
    return (
      <div className="form-problems" role="alert">
        {lead} {say(listed[0]!)}
      </div>
    );
  // One problem is shown beside its field already; a list helps once there are several.
  if (listed.length < 2 && !unshown.length) return null;
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

/**
 * aria attributes for a control whose field may have a problem; `shownAt` names the field whose
 * FieldProblemText says it, when that is a group's (a row's two inputs, one text beside the row).
 */
export function describedBy(form: { control: object; formState: { errors: FieldValues } }, name: string, shownAt = name) {
  const invalid = Boolean(messageAt(form.formState.errors, name));
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? problemId(form.control, shownAt) : undefined } as const;
}

function messageAt(errors: FieldValues, name: string): string | null {
  const entry = get(errors, name) as { message?: unknown; root?: { message?: unknown } } | undefined;
  const message = entry?.message ?? entry?.root?.message;
  if (typeof message === 'string' && message) return message;
  // A list's or a group's problems sit on its entries (purposes.1, affected.0.count): shown together beside it.
  if (entry && typeof entry === 'object') {
    const entries = flatten(entry as FieldValues).map((problem) => problem.message);
    return entries.length ? [...new Set(entries)].join('; ') : null;
  }
  return null;
}

/** Every problem set on the form, with its kind ('server' for a service refusal). */
function problemsIn(errors: FieldValues, prefix = ''): Array<FieldProblem & { type: unknown }> {
  const found: Array<FieldProblem & { type: unknown }> = [];
  for (const [key, entry] of Object.entries(errors)) {
    if (!entry || typeof entry !== 'object' || key === 'ref') continue;
    const path = key === 'root' ? prefix : prefix ? `${prefix}.${key}` : key;
    const { message, type } = entry as { message?: unknown; type?: unknown };
    if (typeof message === 'string' && message) found.push({ field: path, message, type });
    else found.push(...problemsIn(entry as FieldValues, path));
  }
  return found;
}

function flatten(errors: FieldValues): FieldProblem[] {
  return problemsIn(errors).map(({ field, message }) => ({ field, message }));
}

/** Text as a write takes it: trimmed, and null when nothing is typed. */
export const textOrNull = (text: string) => text.trim() || null;

/** For `register(name, { setValueAs })`: an empty or blank field is null. */
export const nullIfEmpty = (text: unknown) => (typeof text === 'string' && text.trim() === '' ? null : text);

/** A list typed one per line: its non-blank lines, trimmed. */
export const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/**
 * The form field of an input path: its first name ("purposes.1" is the purposes' text), except in
 * the lists of rows named, whose problems keep their row and field ("transfers.0.country").
 */
export const fieldWithRows =
  (...rowLists: string[]) =>
  (path: string): string => {
    const parts = path.replace(/^changes\./, '').split('.');
    return rowLists.includes(parts[0]!) && parts.length > 1 ? parts.slice(0, 3).join('.') : parts[0]!;
  };

/** Says which line (or comma-separated entry) of a list typed as text a problem is on: "must not be empty (line 2)". */
export const onLineOf =
  (lists: Record<string, 'line' | 'entry'>) =>
  (path: string, message: string): string => {
    const [list, index] = path.split('.');
    const unit = list === undefined ? undefined : lists[list];
    return unit && index !== undefined && /^\d+$/.test(index) ? `${message} (${unit} ${Number(index) + 1})` : message;
  };

/** The first row of a list of rows with a problem on it (for the row editor to mark), or undefined. */
export function firstRowWithProblem(errors: unknown): number | undefined {
  const index = Array.isArray(errors) ? errors.findIndex(Boolean) : -1;
  return index >= 0 ? index : undefined;
}

/**
 * After a refusal is drawn: the keyboard to the first control marked invalid (a row's input is not
 * always a registered field), else to the list of problems, brought into view on a long form.
 */
export function focusFirstProblem(form: HTMLFormElement | null, { scroll = false } = {}) {
  requestAnimationFrame(() => {
    const alert = form?.querySelector<HTMLElement>('[role="alert"]');
    if (scroll) alert?.scrollIntoView({ block: 'center' });
    (form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? alert)?.focus();
  });
}

/** A choice of one of a list as a form field: its label, the select and its problem under it. */
export function SelectField({ name, label, options }: { name: string; label: string; options: ReadonlyArray<{ value: string; label: string }> }) {
  const form = useFormContext();
  return (
    <>
      <label>
        {label}
        <select {...form.register(name)} {...describedBy(form, name)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <FieldProblemText name={name} below />
    </>
  );
}
