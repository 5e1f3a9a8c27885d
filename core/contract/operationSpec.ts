import { z } from 'zod';

/** One operation: its zod input schema and, as a phantom type, its output. */
export interface OperationSpec<Input extends z.ZodType, Output> {
  input: Input;
  summary: string;
  /** Never read at run time: carries the output type for the mapped types below. */
  output?: Output;
}

/** Declares one operation: `operation<Output>()(inputSchema, summary)`. */
export function operation<Output>() {
  return <Input extends z.ZodType>(input: Input, summary: string): OperationSpec<Input, Output> => ({
    input,
    summary,
  });
}

/** The input of an operation that takes none. */
export const noInput = z.object({}).strict();
/** The input of an operation on one record. */
export const byId = z.object({ id: z.string().min(1, 'id must not be empty') }).strict();
